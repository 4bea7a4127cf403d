use super::*;

fn node(policy: &str, parent: Option<usize>) -> Node {
    Node {
        valid_policy: policy.to_owned(),
        expected: BTreeSet::from([policy.to_owned()]),
        parent,
    }
}

#[test]
fn pruning_removes_childless_branches_and_renumbers_parents() {
    // depth 0: any; depth 1: P1, P2, P3; depth 2: children of P1 and P3 only.
    let mut levels = vec![
        vec![node(ANY_POLICY, None)],
        vec![node("1", Some(0)), node("2", Some(0)), node("3", Some(0))],
        vec![node("1", Some(0)), node("3", Some(2))],
    ];
    prune(&mut levels);
    let depth1: Vec<_> = levels[1].iter().map(|n| n.valid_policy.as_str()).collect();
    assert_eq!(depth1, ["1", "3"]);
    let parents: Vec<_> = levels[2].iter().map(|n| n.parent).collect();
    assert_eq!(parents, [Some(0), Some(1)]);
}

#[test]
fn pruning_cascades_to_the_root() {
    let mut levels = vec![
        vec![node(ANY_POLICY, None)],
        vec![node("1", Some(0))],
        vec![],
    ];
    prune(&mut levels);
    assert!(levels[0].is_empty() && levels[1].is_empty());
}
