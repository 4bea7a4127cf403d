//! Unit tests of the retention module: parsing with line/column errors, the worked
//! examples of `spec/retention.md` §8, holds, actions and the batch functions.

use super::*;
use crate::calendar::JalaliDate;

mod actions;
mod engine;
mod parsing;
mod records;

/// Shorthand for a date the test knows to be valid.
fn jd(text: &str) -> JalaliDate {
    crate::calendar::parse_date(text).unwrap()
}

const HEADER: &str = "row,class_code,title_fa,title_en,trigger,offset,cutoff,current_period,\
                      semi_current_period,final_action,authority,vital\n";

/// The schedule of `spec/retention.md` §8 (the first four rows of the sample).
fn worked_schedule() -> Schedule {
    let csv = format!(
        "{HEADER}\
         1,UNI.EDU.STU,پرونده دانشجویی,Student files,event:graduation,P0D,year_end,P1Y,P5Y,destroy,NDC 1401/23,no\n\
         2,UNI.EDU.EXAM,برگه امتحانی,Exam papers,closed,P0D,month_end,P6M,P6M,destroy,NDC 1401/23,no\n\
         3,UNI.EDU.DIPLOMA,دانشنامه,Diplomas,created,P0D,none,P10Y,P0D,permanent,NDC 1401/23,yes\n\
         4,UNI.FIN,اسناد مالی,Financial records,created,P0D,fiscal_year_end,P1Y,P4Y,destroy,NDC 1402/07,no\n"
    );
    Schedule::from_csv(csv.as_bytes()).unwrap()
}

/// The university sample under `examples/data/`.
fn sample() -> (Schedule, Vec<RetentionRecord>, HoldRegister) {
    let schedule =
        Schedule::from_csv(include_bytes!("../../examples/data/retention-schedule.csv")).unwrap();
    let records =
        RetentionRecord::from_csv(include_bytes!("../../examples/data/retention-records.csv"))
            .unwrap();
    let holds =
        HoldRegister::from_csv(include_bytes!("../../examples/data/retention-holds.csv")).unwrap();
    (schedule, records, holds)
}
