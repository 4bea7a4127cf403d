use super::*;

#[test]
fn brief_national_code_example_is_valid() {
    let code = NationalCode::parse("0076229645").unwrap();
    assert_eq!(code.as_str(), "0076229645");
}
