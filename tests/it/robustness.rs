//! Odd and hostile input: every case must end in reported errors (exit 1), never a panic.

use crate::support::SiteTest;

fn must_fail_cleanly(name: &str, files: &[(&str, &str)]) {
    let t = SiteTest::with_site(name);
    for (path, text) in files {
        t.file(path, text);
    }
    let run = t.build(&[]);
    assert!(!run.success, "{name}: accepted");
    assert!(!run.stderr.contains("panicked"), "{name}: panicked:\n{}", run.stderr);
    assert!(run.stderr.contains("错误："), "{name}: no error reported:\n{}", run.stderr);
}

#[test]
fn wrong_shapes_in_front_matter() {
    for (i, front) in [
        "- a\n- b",
        "just some text",
        "title: {a: 1}\ndate: 2017-01-01",
        "title: 甲\ndate: [2017, 1, 1]",
        "title: 甲\ndate: 2017-01-01\nattachments: 42",
        "title: 甲\ndate: 2017-01-01\nkeywords: {a: b}",
        "title: 甲\ndate: 2017-01-01\nnotice_period: [2017-01-01, 2017-01-02]",
        "title: 甲\ndate: 2017-01-01\nattachments: [{file: {x: 1}}]",
        "title: 甲\ndate: 2017-01-01\nsupersedes: {a: 1}",
        "title:\t甲\n\tdate: 2017-01-01",
    ]
    .iter()
    .enumerate()
    {
        must_fail_cleanly(&format!("shape-{i}"), &[("notices/a.md", &format!("---\n{front}\n---\n正文"))]);
    }
}

#[test]
fn wrong_shapes_in_data_files() {
    let schools = "schools:\n  - {id: a, name: 甲, stage: 小学}\n";
    for (i, (path, text)) in [
        ("data/schools.yaml", "- a\n- b\n"),
        ("data/schools.yaml", "schools: {id: a}\n"),
        ("data/schools.yaml", "schools:\n  - [a, b]\n  - 42\n"),
        ("data/pairings.yaml", "pairings:\n  - {id: p, form: [x], lead: [a], members: {a: 1}}\n"),
        ("data/indicators/2023.yaml", "year: 2023\nschools:\n  - {school: a, students: {n: 1}, books: [1]}\n"),
        (
            "data/indicators/2023.yaml",
            "year: 2023\nschools:\n  - {school: a, students: 99999999999999999999999999999}\n",
        ),
        ("data/plan.yaml", "targets:\n  - {by: [2020], schools: {a: 1}}\nmilestones: 5\n"),
        ("data/exchanges.yaml", "exchanges:\n  - {year: 二〇一七, people: [{name: [x], role: 校长}]}\n"),
        (
            "standards/x.yaml",
            "id: x\nname: x\nindicators: [{id: a, name: a, numerator: books, per: 0}]\ncv: {limits: {小学: -1}}\n",
        ),
        ("site.yaml", "- just\n- a list\n"),
    ]
    .iter()
    .enumerate()
    {
        must_fail_cleanly(&format!("data-shape-{i}"), &[("data/schools.yaml", schools), (path, text)]);
    }
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, next) in
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"])
    {
        bomb.push_str(&format!(
            "{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    must_fail_cleanly("bomb", &[("data/schools.yaml", &bomb)]);
    let deep = format!("schools: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    must_fail_cleanly("deep", &[("data/schools.yaml", &deep)]);
}

#[test]
fn binary_and_control_characters() {
    let t = SiteTest::with_site("binary-data");
    t.bytes("data/schools.yaml", b"schools:\n  - {id: a, name: \x00\x01\x02, stage: \xff\xfe}\n");
    let run = t.build(&[]);
    assert!(!run.success && !run.stderr.contains("panicked"), "{}", run.stderr);
}
