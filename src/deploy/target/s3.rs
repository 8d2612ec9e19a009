//! S3-compatible object storage: Aliyun OSS, Tencent COS, Huawei OBS, MinIO, AWS. Plain
//! `PUT` and `DELETE` of single objects, signed with AWS Signature Version 4, which all of them
//! accept. Each object carries its Content-Type and Cache-Control, since a bucket does not
//! guess them. Credentials come only from the environment.

use super::{Failure, Item, Target};
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// Characters S3 wants percent-encoded in a key (all but unreserved ones and `/`).
const KEY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');
/// A value in a canonical query string: `/` encoded too.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The access key, read from the environment.
pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
    pub session_token: Option<String>,
}

impl Credentials {
    /// `GONGSHI_S3_ACCESS_KEY_ID` / `GONGSHI_S3_SECRET_ACCESS_KEY`, else the AWS names.
    pub fn from_env() -> Option<Credentials> {
        let var = |a: &str, b: &str| std::env::var(a).or_else(|_| std::env::var(b)).ok().filter(|v| !v.is_empty());
        Some(Credentials {
            access_key: var("GONGSHI_S3_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID")?,
            secret_key: var("GONGSHI_S3_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY")?,
            session_token: var("GONGSHI_S3_SESSION_TOKEN", "AWS_SESSION_TOKEN"),
        })
    }
}

pub struct S3 {
    agent: ureq::Agent,
    /// `https://bucket.host` or `http://host:port/bucket`: objects are at `{base}/{key}`.
    base: String,
    /// Path of `base` (`/bucket` in path style, else empty), for signing.
    base_path: String,
    host: String,
    prefix: String,
    region: String,
    credentials: Credentials,
}

impl S3 {
    pub fn new(
        endpoint: &str,
        bucket: &str,
        prefix: &str,
        region: &str,
        path_style: bool,
        credentials: Credentials,
    ) -> Result<S3, String> {
        let url = url::Url::parse(endpoint).map_err(|e| format!("服务地址「{endpoint}」不是网址：{e}"))?;
        let host = url.host_str().ok_or_else(|| format!("服务地址「{endpoint}」没有主机名"))?;
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        // An address or localhost has no bucket subdomains (MinIO, a test server).
        let path_style =
            path_style || url.host().is_some_and(|h| !matches!(h, url::Host::Domain(_))) || host == "localhost";
        let (host, base_path) = if path_style {
            (format!("{host}{port}"), format!("/{bucket}"))
        } else {
            (format!("{bucket}.{host}{port}"), String::new())
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .new_agent();
        Ok(S3 {
            agent,
            base: format!("{}://{host}{base_path}", url.scheme()),
            base_path,
            host,
            prefix: if prefix.is_empty() { String::new() } else { format!("{prefix}/") },
            region: region.to_string(),
            credentials,
        })
    }

    /// The signed headers of a request for `key` (already encoded; empty for the bucket itself)
    /// with the canonical `query` (sorted, encoded) and a body of hash `payload`.
    fn sign(&self, method: &str, key: &str, query: &str, payload: &str) -> Vec<(String, String)> {
        let now = time::OffsetDateTime::now_utc();
        let date = format!("{:04}{:02}{:02}", now.year(), u8::from(now.month()), now.day());
        let stamp = format!("{date}T{:02}{:02}{:02}Z", now.hour(), now.minute(), now.second());
        let mut headers = vec![
            ("host".to_string(), self.host.clone()),
            ("x-amz-content-sha256".to_string(), payload.to_string()),
            ("x-amz-date".to_string(), stamp.clone()),
        ];
        if let Some(token) = &self.credentials.session_token {
            headers.push(("x-amz-security-token".to_string(), token.clone()));
        }
        let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
        let signed: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
        let signed = signed.join(";");
        let uri = match (self.base_path.as_str(), key) {
            ("", key) => format!("/{key}"),
            (base, "") => base.to_string(),
            (base, key) => format!("{base}/{key}"),
        };
        let request = format!("{method}\n{uri}\n{query}\n{canonical_headers}\n{signed}\n{payload}");
        let scope = format!("{date}/{}/s3/aws4_request", self.region);
        let to_sign = format!("AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{}", hex(&Sha256::digest(request.as_bytes())));
        let mut k = hmac(format!("AWS4{}", self.credentials.secret_key).as_bytes(), date.as_bytes());
        for part in [self.region.as_bytes(), b"s3", b"aws4_request"] {
            k = hmac(&k, part);
        }
        let signature = hex(&hmac(&k, to_sign.as_bytes()));
        headers.push((
            "authorization".to_string(),
            format!(
                "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed}, Signature={signature}",
                self.credentials.access_key
            ),
        ));
        headers.retain(|(k, _)| k != "host");
        headers
    }

    fn key(&self, path: &str) -> String {
        utf8_percent_encode(&format!("{}{path}", self.prefix), KEY).to_string()
    }

    /// The response when it is a success; else why not, transient or not by its status.
    fn answer(
        &self,
        what: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<ureq::http::Response<ureq::Body>, Failure> {
        match result {
            Ok(r) if r.status().is_success() => Ok(r),
            Ok(mut r) => {
                let status = r.status().as_u16();
                let body = r.body_mut().read_to_string().unwrap_or_default();
                let code = between(&body, "<Code>", "</Code>");
                let message = format!("{what}：服务器回答 {status} {code}");
                if status >= 500 || status == 429 || status == 408 {
                    Err(Failure::transient(message))
                } else {
                    Err(Failure::permanent(message))
                }
            }
            Err(e) => Err(Failure::transient(format!("{what}：连接失败（{e}）"))),
        }
    }
}

impl Target for S3 {
    fn put(&mut self, item: &Item) -> Result<(), Failure> {
        let bytes = std::fs::read(&item.local)
            .map_err(|e| Failure::permanent(crate::diagnostics::os::explain(&format!("读取 {}", item.path), &e)))?;
        let key = self.key(&item.path);
        let mut request = self
            .agent
            .put(format!("{}/{key}", self.base))
            .header("content-type", item.content_type)
            .header("cache-control", item.cache_control);
        for (k, v) in self.sign("PUT", &key, "", &hex(&Sha256::digest(&bytes))) {
            request = request.header(k, v);
        }
        let result = request.send(&bytes[..]);
        self.answer(&format!("上传 {}", item.path), result).map(|_| ())
    }

    fn delete(&mut self, path: &str) -> Result<(), Failure> {
        let key = self.key(path);
        let mut request = self.agent.delete(format!("{}/{key}", self.base));
        for (k, v) in self.sign("DELETE", &key, "", &hex(&Sha256::digest(b""))) {
            request = request.header(k, v);
        }
        let result = request.call();
        self.answer(&format!("删除 {path}"), result).map(|_| ())
    }
}

/// An object read back, with the headers it is served with.
#[derive(Debug)]
pub struct Object {
    pub content_type: String,
    pub cache_control: String,
    pub bytes: Vec<u8>,
}

/// Reading the bucket back: what a deploy never needs (it trusts its manifest), but a check of
/// a deploy does, and a new bucket to deploy to.
impl S3 {
    /// Creates the bucket; one that is already there and ours is fine.
    pub fn create_bucket(&self) -> Result<(), Failure> {
        let mut request = self.agent.put(self.base.clone());
        for (k, v) in self.sign("PUT", "", "", &hex(&Sha256::digest(b""))) {
            request = request.header(k, v);
        }
        match self.answer("创建存储桶", request.send_empty()) {
            Err(f) if f.message.contains("BucketAlreadyOwnedByYou") => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// Every object under the prefix, as site paths (the prefix taken off), sorted.
    pub fn list(&self) -> Result<Vec<String>, Failure> {
        let mut paths = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut query = vec![("list-type", "2".to_string()), ("prefix", self.prefix.clone())];
            if let Some(t) = &token {
                query.insert(0, ("continuation-token", t.clone()));
            }
            let query: Vec<String> =
                query.iter().map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, QUERY_VALUE))).collect();
            let query = query.join("&");
            let mut request = self.agent.get(format!("{}?{query}", self.base));
            for (k, v) in self.sign("GET", "", &query, &hex(&Sha256::digest(b""))) {
                request = request.header(k, v);
            }
            let body = self.answer("列出存储桶", request.call())?.body_mut().read_to_string();
            let body = body.map_err(|e| Failure::transient(format!("列出存储桶：{e}")))?;
            let doc = roxmltree::Document::parse(&body).map_err(|e| Failure::permanent(format!("列出存储桶：{e}")))?;
            let text = |node: roxmltree::Node, name: &str| {
                node.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).map(str::to_string)
            };
            let root = doc.root_element();
            for contents in root.children().filter(|c| c.has_tag_name("Contents")) {
                if let Some(key) = text(contents, "Key") {
                    paths.push(key.strip_prefix(&self.prefix).unwrap_or(&key).to_string());
                }
            }
            token =
                text(root, "NextContinuationToken").filter(|_| text(root, "IsTruncated").as_deref() == Some("true"));
            if token.is_none() {
                paths.sort();
                return Ok(paths);
            }
        }
    }

    /// The object at site path `path`, or `None` when there is none.
    pub fn get(&self, path: &str) -> Result<Option<Object>, Failure> {
        let key = self.key(path);
        let mut request = self.agent.get(format!("{}/{key}", self.base));
        for (k, v) in self.sign("GET", &key, "", &hex(&Sha256::digest(b""))) {
            request = request.header(k, v);
        }
        let mut response = match request.call() {
            Ok(r) if r.status() == 404 => return Ok(None),
            other => self.answer(&format!("读取 {path}"), other)?,
        };
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let (content_type, cache_control) = (header("content-type"), header("cache-control"));
        let bytes = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .map_err(|e| Failure::transient(format!("读取 {path}：{e}")))?;
        Ok(Some(Object { content_type, cache_control, bytes }))
    }
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split_once(start).and_then(|(_, rest)| rest.split_once(end)).map_or("", |(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of AWS's SigV4 documentation ("GET Object"), with its published signature.
    #[test]
    fn signs_as_the_aws_documentation_does() {
        let k = {
            let mut k = hmac(b"AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", b"20130524");
            for part in [b"us-east-1".as_slice(), b"s3", b"aws4_request"] {
                k = hmac(&k, part);
            }
            k
        };
        let request = "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let to_sign = format!(
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n{}",
            hex(&Sha256::digest(request.as_bytes()))
        );
        assert_eq!(
            hex(&hmac(&k, to_sign.as_bytes())),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    #[test]
    fn keys_keep_slashes_and_encode_chinese() {
        assert_eq!(utf8_percent_encode("files/通知 1.pdf", KEY).to_string(), "files/%E9%80%9A%E7%9F%A5%201.pdf");
    }
}
