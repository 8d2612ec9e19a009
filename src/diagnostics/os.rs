//! What the system said, in Chinese: an `io::Error` becomes “读取时出错：找不到这个文件（No such
//! file or directory (os error 2)）”, the sentence a clerk reads first and the original after it
//! for whoever helps them.

use std::io::{Error, ErrorKind};

/// “{doing}时出错：{what went wrong}（{the original}）”; `doing` is a verb such as 读取 or 写入.
pub fn explain(doing: &str, e: &Error) -> String {
    format!("{doing}时出错：{}（{e}）", what(e.kind()))
}

/// A folder that could not be walked: the system's error, or a link that leads back into itself.
pub fn walk(e: &walkdir::Error) -> String {
    match e.io_error() {
        Some(io) => explain("读取文件夹", io),
        None => format!("读取文件夹时出错：文件夹的快捷方式指回了它自己（{e}）"),
    }
}

/// The kinds a clerk meets on a desktop or a CI runner; the rest say only that the system refused.
fn what(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "找不到这个文件或文件夹",
        ErrorKind::PermissionDenied => "没有权限（请检查文件是否被其他程序打开，或是否有读写权限）",
        ErrorKind::AlreadyExists => "已经有同名的文件或文件夹",
        ErrorKind::NotADirectory => "路径里有一段是文件，不是文件夹",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间不足",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::ResourceBusy => "文件正被其他程序使用",
        ErrorKind::InvalidData | ErrorKind::UnexpectedEof => "文件内容已损坏或格式不对",
        ErrorKind::InvalidFilename => "文件名无效（太长或含有系统不允许的字符）",
        ErrorKind::Interrupted | ErrorKind::TimedOut | ErrorKind::WouldBlock => "操作被中断，请再试一次",
        ErrorKind::AddrInUse => "端口已被占用",
        ErrorKind::OutOfMemory => "内存不足",
        _ => "系统报告了错误",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_was_done_and_what_went_wrong_before_the_original() {
        let e = Error::new(ErrorKind::NotFound, "No such file or directory (os error 2)");
        assert_eq!(explain("读取", &e), "读取时出错：找不到这个文件或文件夹（No such file or directory (os error 2)）");
        let e = Error::other("boom");
        assert_eq!(explain("写入", &e), "写入时出错：系统报告了错误（boom）");
    }
}
