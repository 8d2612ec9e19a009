//! Bytes → text. UTF-8 is the contract; files saved by Chinese Windows tools are often GBK or
//! GB18030 (and traditional-character files Big5), so those are detected and decoded with a
//! warning. Anything else is refused with a hint; nothing is ever shown as mojibake.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 (a BOM, if any, removed).
    Utf8(String),
    /// Decoded from another encoding, named in Chinese for the warning.
    Converted(String, &'static str),
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Bytes no text encoding explains: a binary file, or an encoding we do not take.
    Unknown,
    /// The encoding named with `--encoding` does not fit the bytes.
    Mismatch(&'static str),
    /// Mostly UTF-8 with a passage that is not (GBK text pasted in): decoding the whole file
    /// as GBK would turn the rest into mojibake, so the file is refused.
    MixedUtf8,
}

/// Whether bytes that are not valid UTF-8 are still mostly UTF-8: at least eight well-formed
/// multi-byte characters, and at least two for each bad sequence (a whole GBK file gives about
/// one accidental UTF-8 character for six bad sequences).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 8 && good >= 2 * bad
}

/// Whether one line is well-formed UTF-8 holding three or more Chinese characters while another
/// line is not UTF-8: a UTF-8 file with a pasted GBK passage, even when the UTF-8 part is only a
/// short title under English keys. A GBK line is valid UTF-8 by accident about once in a
/// hundred thousand lines of three characters, and less often the longer it is.
fn utf8_and_other_lines(bytes: &[u8]) -> bool {
    let (mut utf8, mut other) = (false, false);
    for line in bytes.split(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(text) => utf8 |= text.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count() >= 3,
            Err(_) => other = true,
        }
        if utf8 && other {
            return true;
        }
    }
    false
}

/// Looks up an encoding name given on the command line (`gbk`, `gb18030`, `big5`, `utf-8`).
pub fn encoding_by_name(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
}

pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        return if encoding == UTF_8 {
            std::str::from_utf8(body).map(|s| Decoded::Utf8(s.to_string())).map_err(|_| DecodeError::Unknown)
        } else {
            strict(encoding, body).map(|s| Decoded::Converted(s, label(encoding)))
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return if text.contains('\0') { Err(DecodeError::Unknown) } else { Ok(Decoded::Utf8(text.to_string())) };
    }
    if mostly_utf8(bytes) || utf8_and_other_lines(bytes) {
        return Err(DecodeError::MixedUtf8);
    }
    if let Some(encoding) = forced {
        return strict(encoding, bytes)
            .map(|s| Decoded::Converted(s, label(encoding)))
            .map_err(|_| DecodeError::Mismatch(label(encoding)));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Unknown);
    }
    // No country hint: with one, chardetng reads Big5 as GBK (DEPS.md).
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let encoding = if guess == GBK || guess == GB18030 {
        GB18030
    } else if guess == BIG5 {
        BIG5
    } else {
        return Err(DecodeError::Unknown);
    };
    strict(encoding, bytes).map(|s| Decoded::Converted(s, label(encoding)))
}

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') { Err(DecodeError::Unknown) } else { Ok(text.into_owned()) }
}

fn label(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 || encoding == GBK {
        "GBK/GB18030（简体中文 Windows 默认编码）"
    } else if encoding == BIG5 {
        "Big5（繁体中文编码）"
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        "UTF-16（记事本“Unicode”编码）"
    } else {
        encoding.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "标题: 连云区义务教育优质均衡发展实施方案\n发布机构: 连云区教育局\n";

    #[test]
    fn reads_utf8_and_strips_a_bom() {
        assert_eq!(decode(TEXT.as_bytes(), None), Ok(Decoded::Utf8(TEXT.into())));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        assert_eq!(decode(&with_bom, None), Ok(Decoded::Utf8(TEXT.into())));
    }

    #[test]
    fn reads_gbk_with_a_label() {
        let (bytes, _, _) = GBK.encode(TEXT);
        match decode(&bytes, None) {
            Ok(Decoded::Converted(text, label)) => {
                assert_eq!(text, TEXT);
                assert!(label.starts_with("GBK"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_big5_traditional_text() {
        let traditional = "標題: 連雲區義務教育優質均衡發展實施方案\n發布機構: 連雲區教育局\n時效: 有效\n";
        let (bytes, _, _) = BIG5.encode(traditional);
        match decode(&bytes, None) {
            Ok(Decoded::Converted(text, label)) => {
                assert_eq!(text, traditional);
                assert!(label.starts_with("Big5"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_utf16_from_notepad() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in TEXT.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert!(matches!(decode(&bytes, None), Ok(Decoded::Converted(t, _)) if t == TEXT));
    }

    /// Issue 20: a UTF-8 file with English keys (too few Chinese characters to count as mostly
    /// UTF-8) and a GBK paragraph was read whole as GBK, its title turned to mojibake; with
    /// Chinese keys and a long GBK passage it was refused without its line.
    #[test]
    fn a_gbk_passage_in_a_utf8_file_is_refused_as_mixed() {
        let passage = "连云区教育局关于进一步推进义务教育优质均衡发展的实施意见，各学校要认真贯彻落实。\n".repeat(4);
        let (gbk, _, _) = GBK.encode(&passage);
        let english =
            [b"---\ntitle: \xE5\x9D\x87\xE8\xA1\xA1\xE6\x96\xB9\xE6\xA1\x88\ndate: 2017-01-01\n---\n".as_slice(), &gbk]
                .concat();
        assert_eq!(decode(&english, None), Err(DecodeError::MixedUtf8));
        let chinese = [format!("---\n{TEXT}---\n").as_bytes(), &gbk, &gbk].concat();
        assert_eq!(decode(&chinese, None), Err(DecodeError::MixedUtf8));
        // A whole GBK file is still GBK.
        let text = format!("{TEXT}{passage}");
        let (whole, _, _) = GBK.encode(&text);
        assert!(matches!(decode(&whole, None), Ok(Decoded::Converted(..))));
    }

    #[test]
    fn refuses_binary_files() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00\xff\xfe", None), Err(DecodeError::Unknown));
    }

    #[test]
    fn a_forced_encoding_that_does_not_fit_is_an_error() {
        let (bytes, _, _) = GBK.encode(TEXT);
        let mut bytes = bytes.into_owned();
        bytes.push(0xFF);
        assert!(matches!(decode(&bytes, encoding_by_name("gbk")), Err(DecodeError::Mismatch(_))));
    }
}
