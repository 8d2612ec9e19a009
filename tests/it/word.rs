//! `gongshi import policy|notice 文件.docx` (issue 21): the fixtures of tests/fixtures/docx/
//! (made by python-docx and LibreOffice, see make_fixtures.py) imported into sites, built and
//! compared; bad files refused with nothing written; a folder of 50.

use crate::support::SiteTest;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx").join(name).display().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The bundled example site in a test folder.
fn example(name: &str) -> SiteTest {
    let t = SiteTest::new(name);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &t.site());
    t
}

/// A .docx holding only word/document.xml with these paragraphs.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String =
        paragraphs.iter().map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>")).collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn meta_of(t: &SiteTest, page: &str) -> Vec<(String, String)> {
    let meta = t.html(page).doc_meta();
    ["文号", "标题", "成文日期", "发布机构"]
        .iter()
        .map(|k| (k.to_string(), meta.get(*k).cloned().unwrap_or_default()))
        .collect()
}

#[test]
fn imports_the_89_like_policy_with_the_metadata_toc_and_merged_table_of_the_hand_written_page() {
    let page = "policies/lianqujiao-2017-89/index.html";
    let hand = example("word-89-hand");
    hand.build_ok();
    let t = example("word-89");
    t.remove("policies/2017/lianqujiao-2017-89.md");
    let run = t.run(&["import", "policy", &fixture("lianqujiao-89.docx"), "--site", "site"]);
    assert!(run.success, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("导入 1 份"), "{}", run.stdout);
    t.build_ok();
    assert_eq!(meta_of(&t, page), meta_of(&hand, page));
    let attachments = |s: &SiteTest| s.html(page).select_all(".attachments a, .doc-attachments a, a.attachment");
    let titles = |s: &SiteTest| -> Vec<String> {
        attachments(s)
            .iter()
            .filter(|a| a.starts_with("附件"))
            .map(|a| a.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(titles(&t).len(), 2, "{:?}", attachments(&t));
    assert_eq!(titles(&t), titles(&hand), "{:?}", attachments(&t));
    assert_eq!(t.html(page).select_all(".toc a"), hand.html(page).select_all(".toc a"));
    let imported = t.html(page);
    assert!(imported.contains("rowspan=\"3\""), "the pairing table keeps its merged cells");
    assert!(imported.contains("（此件公开发布）") && imported.contains("抄送"));
}

#[test]
fn a_notice_gets_its_period_from_a_sentence_and_shows_its_status() {
    let mut t = SiteTest::with_site("word-notice");
    let run = t.run(&["import", "notice", &fixture("gongshi.docx"), "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let written =
        std::fs::read_to_string(t.site().join("notices/guanyu2026nianduquneijieduigongjianxuexiaoming.md")).unwrap();
    assert!(written.contains("公示期: {开始: 2026-09-01, 结束: 2026-09-07}"), "{written}");
    let status = |t: &SiteTest| {
        t.html("notices/guanyu2026nianduquneijieduigongjianxuexiaoming/index.html").text(".notice-status strong")
    };
    t.epoch = "1788408000".into(); // 2026-09-03
    t.build_ok();
    assert_eq!(status(&t), "公示中");
    t.epoch = "1789012800".into(); // 2026-09-10
    t.build_ok();
    assert_eq!(status(&t), "已结束");
}

#[test]
fn a_jiedu_names_its_policy_and_an_unknown_one_is_refused() {
    let t = SiteTest::with_site("word-jiedu");
    let run = t.run(&["import", "policy", &fixture("jiedu.docx"), "--site", "site"]);
    assert!(!run.success);
    assert!(run.stderr.contains("jiedu.docx（导入后 policies/2017/"), "{}", run.stderr);
    // The refusal names the policy as the 解读 writes it, not with a character of 解读 before it.
    assert!(run.stderr.contains("「连区教〔2017〕89号」") && !run.stderr.contains("读连区教"), "{}", run.stderr);
    assert!(!t.site().join("policies").exists(), "nothing is written");
    let run = t.run(&["import", "policy", &fixture("lianqujiao-89.docx"), &fixture("jiedu.docx"), "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let written = std::fs::read_dir(t.site().join("policies/2017"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| !p.ends_with("lianqujiao-2017-89.md"))
        .unwrap();
    assert!(std::fs::read_to_string(written).unwrap().contains("解读对象: 连区教〔2017〕89号"));
    t.build_ok();
}

#[test]
fn footnotes_and_pictures_are_kept() {
    let mut t = SiteTest::with_site("word-notes");
    t.epoch = "1788408000".into(); // after the document's date
    let run = t.run(&["import", "policy", &fixture("jiaoliu.docx"), "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("GS0390"), "{}", run.stderr);
    assert!(t.site().join("files/2017/guanyu2017niandujiaoganjiaoshijiaoliugongzuode-图1.png").is_file());
    t.build_ok();
    let page = t.html("policies/guanyu2017niandujiaoganjiaoshijiaoliugongzuode/index.html");
    assert!(page.contains("备案时间为每年8月20日前。"), "footnote text");
    assert_eq!(page.attrs("main img", "alt"), ["交流教师到岗座谈会"]);
}

#[test]
fn a_duplicate_doc_no_is_refused_and_nothing_is_written() {
    let t = example("word-duplicate");
    // The hand-written 89号 under another name: the 文号, not the path, collides.
    let hand = std::fs::read_to_string(t.site().join("policies/2017/lianqujiao-2017-89.md")).unwrap();
    t.remove("policies/2017/lianqujiao-2017-89.md");
    t.file("policies/2017/hand-89.md", &hand);
    let run = t.run(&["import", "policy", &fixture("lianqujiao-89.docx"), "--site", "site", "--dry-run"]);
    assert!(!run.success);
    assert!(run.stderr.contains("lianqujiao-89.docx（导入后 policies/2017/lianqujiao-2017-89.md"), "{}", run.stderr);
    assert!(run.stderr.contains("GS0203"), "{}", run.stderr);
}

#[test]
fn personal_numbers_are_refused_at_their_paragraph() {
    let t = SiteTest::with_site("word-pii");
    t.bytes("in/名单.docx", &docx(&["关于交流名单的公示", "联系人手机13812345678。", "连云区教育局", "2017年8月20日"]));
    let run = t.run(&["import", "notice", "site/in/名单.docx", "--site", "site"]);
    assert!(!run.success);
    run.has_line("site/in/名单.docx:第2段: 错误");
    assert!(run.stderr.contains("GS0") && !run.stderr.contains("13812345678"), "{}", run.stderr);
    assert!(!t.site().join("notices").exists());
}

fn ole(extra: &[u8]) -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.extend_from_slice(&[0; 1024]);
    b.extend_from_slice(extra);
    b
}

#[test]
fn bad_word_files_get_a_chinese_message_naming_them_and_nothing_is_written() {
    let t = SiteTest::with_site("word-bad");
    let encrypted: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let bomb = zip_of(&[("word/document.xml", &vec![b' '; 70 << 20])]);
    assert!(bomb.len() < 200 << 10);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("文本.docx", "这不是 Word 文件".as_bytes().to_vec(), "GS0380"),
        ("旧版.docx", ole(&[]), "GS0381"),
        ("加密.docx", ole(&encrypted), "GS0382"),
        ("空白.docx", docx(&[]), "GS0384"),
        ("炸弹.docx", bomb, "GS0383"),
        ("扫描件.pdf", b"%PDF-1.7\n".to_vec(), "GS0385"),
    ];
    for (name, bytes, code) in &cases {
        t.bytes(&format!("in/{name}"), bytes);
        let run = t.run(&["import", "policy", &format!("site/in/{name}"), "--site", "site"]);
        assert!(!run.success, "{name}");
        run.has_line(&format!("site/in/{name}: 错误"));
        assert!(run.stderr.contains(code), "{name}: {}", run.stderr);
    }
    // 200 MB, refused by its size before it is read (a sparse file).
    let big = t.site().join("in/大文件.docx");
    std::fs::File::create(&big).unwrap().set_len(200 << 20).unwrap();
    let run = t.run(&["import", "policy", "site/in/大文件.docx", "--site", "site"]);
    run.failed().has_line("site/in/大文件.docx: 错误").stderr_contains("GS0383").stderr_contains("200 MB");
    std::fs::remove_file(big).unwrap();
    assert!(!t.site().join("policies").exists() && !t.site().join("files").exists());
}

#[test]
fn a_folder_of_fifty_imports_file_by_file_with_a_summary() {
    let t = SiteTest::with_site("word-folder");
    for i in 1..=50 {
        let no = format!("连区教〔2020〕{i}号");
        let title = format!("关于第{i}批结对共建学校的通知");
        let body = format!("为落实连区教〔2017〕89号，现将第{i}批结对共建学校通知如下。");
        t.bytes(
            &format!("in/{i:02}.docx"),
            &docx(&["连云区教育局文件", &no, &title, "各中小学：", &body, "连云区教育局", "2020年3月2日"]),
        );
    }
    t.bytes("in/旧.doc", &ole(&[]));
    let started = std::time::Instant::now();
    let run = t.run(&["import", "policy", "site/in", "--site", "site"]);
    let took = started.elapsed();
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("导入 50 份，跳过 1 份（旧版 .doc/.wps，请另存为 .docx）"), "{}", run.stdout);
    assert_eq!(run.stdout.matches("已导入").count(), 50);
    let written: Vec<PathBuf> =
        std::fs::read_dir(t.site().join("policies/2020")).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(written.len(), 50);
    eprintln!("50 files imported in {took:?}");
    t.build_ok();
}
