//! Site settings (site.yaml): title, base URL, the bureau, contact details and switches.

use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Span};
use crate::load::RawFile;

/// The public address of the site, split so that pages can link within it and feeds can give
/// absolute URLs. `path` starts and ends with `/` (`/junheng/` for a 专栏 under a portal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://jyj.example.gov.cn`
    pub origin: String,
    pub host: String,
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| format!("「{text}」不是完整网址（{e}）"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("「{text}」应以 http:// 或 https:// 开头"));
        }
        let host = url.host_str().ok_or_else(|| format!("「{text}」缺少域名"))?.to_string();
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("「{text}」不能带 ? 或 # 部分"));
        }
        let origin = url.origin().ascii_serialization();
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, host, path })
    }

    /// The absolute URL of a site path (`policies/a/` → `https://host/junheng/policies/a/`).
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}{}", self.origin, self.path, site_path)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
}

#[derive(Clone, Debug)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: BaseUrl,
    pub issuer: String,
    pub region: Option<String>,
    pub contact: Contact,
    /// Id of the standard the dashboards use, and where it was written.
    pub standard: String,
    pub standard_span: Span,
    pub theme: String,
    pub demo: bool,
    pub description: Option<String>,
    pub paginate_by: usize,
    /// Numbers the site allows to be published (see the PII guard), digits only.
    pub pii_allow: Vec<String>,
    /// 网站标识码
    pub site_id_code: Option<String>,
    /// ICP备案号
    pub icp: Option<String>,
    /// 公安备案号 (公网安备 …号)
    pub police_beian: Option<String>,
    /// Whether the site shows the 党政机关 mark (a government or Party body's site).
    pub party_government: bool,
    /// 承办单位: who runs the site for the issuer.
    pub organizer: Option<String>,
    /// Treat warnings as errors (for CI that must not publish them).
    pub deny_warnings: bool,
    /// 发布: where `gongshi deploy` sends the output.
    pub deploy: super::deploy::DeployConfig,
}

pub const DEFAULT_PAGINATE_BY: usize = 20;

/// Reads site.yaml. `base_url_override` (`--base-url`) replaces the file's value.
pub fn read(raw: &RawFile, base_url_override: Option<&str>, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let f = super::read::record(&raw.node, "site.yaml", diags)?;
    let title = f.required_text("title", "站点名称 title", diags);
    let issuer = f.text("issuer", diags);
    let base_url = match base_url_override {
        Some(text) => parse_base_url(text, Location::None, diags),
        None => match f.text("base_url", diags) {
            Some(text) => parse_base_url(&text.value, text.span.into(), diags),
            None => {
                diags.push(
                    Diagnostic::error(Code::MissingField, Span::file_start(raw.file))
                        .detail("缺少 网址 base_url（站点发布后的完整网址，用于订阅和站点地图）")
                        .hint("在 site.yaml 写上 网址: https://你的域名/（base_url），或构建时加 --base-url。/ Add base_url, or pass --base-url."),
                );
                None
            }
        },
    };
    let paginate_by = match f.text("paginate_by", diags) {
        None => DEFAULT_PAGINATE_BY,
        Some(text) => match text.value.parse::<usize>() {
            Ok(n) if (1..=500).contains(&n) => n,
            _ => {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, text.span)
                        .detail(format!("每页条数「{}」应是 1 到 500 之间的整数", text.value)),
                );
                DEFAULT_PAGINATE_BY
            }
        },
    };
    let contact = f.get("contact").map(|node| {
        let c = Fields::new(node);
        Contact {
            phone: c.text("phone", diags).map(|s| s.value),
            email: c.text("email", diags).map(|s| s.value),
            address: c.text("address", diags).map(|s| s.value),
            hours: c.text("hours", diags).map(|s| s.value),
        }
    });
    let standard = f.text("standard", diags);
    let config = SiteConfig {
        title: title?.value,
        base_url: base_url?,
        issuer: issuer.map(|s| s.value).unwrap_or_default(),
        region: f.text("region", diags).map(|s| s.value),
        contact: contact.unwrap_or_default(),
        standard: standard.as_ref().map_or_else(|| super::standard::DEFAULT.to_string(), |s| s.value.clone()),
        standard_span: standard.map_or(Span::file_start(raw.file), |s| s.span),
        theme: f.text("theme", diags).map_or_else(|| "default".to_string(), |s| s.value),
        demo: f.bool("demo", diags).unwrap_or(false),
        description: f.text("description", diags).map(|s| s.value),
        paginate_by,
        pii_allow: f
            .text_list("pii_allow", false, diags)
            .into_iter()
            .map(|s| s.value.chars().filter(char::is_ascii_alphanumeric).collect())
            .collect(),
        site_id_code: f.text("site_id_code", diags).map(|s| s.value),
        icp: f.text("icp", diags).map(|s| s.value),
        police_beian: f.text("police_beian", diags).map(|s| s.value),
        party_government: f.bool("party_government", diags).unwrap_or(false),
        organizer: f.text("organizer", diags).map(|s| s.value),
        deny_warnings: f.bool("deny_warnings", diags).unwrap_or(false),
        deploy: f.get("deploy").map(|n| super::deploy::read(n, diags)).unwrap_or_default(),
    };
    if !config.demo {
        portal_marks(&config, f.get("party_government").is_some(), raw.file, diags);
    }
    Some(config)
}

/// The marks a government site shows in its footer (政府网站发展指引): a real site without one
/// of them would not pass the portal's review, so each missing one is a warning. Example sites
/// (`demo: true`) are spared.
fn portal_marks(c: &SiteConfig, conac_given: bool, file: crate::diagnostics::FileId, diags: &mut Diagnostics) {
    let contact = c.contact.phone.is_some() || c.contact.email.is_some() || c.contact.address.is_some();
    let missing = [
        (c.issuer.is_empty(), "主办单位: 连云区教育局", "主办单位（issuer）"),
        (c.organizer.is_none(), "承办单位: 连云区教育局办公室", "承办单位（organizer）"),
        (!contact, "联系方式: {监督电话: 0518-82310000}", "联系方式（contact）"),
        (c.site_id_code.is_none(), "网站标识码: 3207030001", "网站标识码（site_id_code）"),
        (c.icp.is_none(), "ICP备案号: 苏ICP备12345678号", "ICP备案号（icp）"),
        (c.police_beian.is_none(), "公安备案号: 苏公网安备 32070302000001号", "公安备案号（police_beian）"),
        (!conac_given, "党政机关标识: true", "党政机关标识（party_government）"),
    ];
    for (_, example, key) in missing.into_iter().filter(|(absent, ..)| *absent) {
        diags.push(
            Diagnostic::warning(Code::PortalMarkMissing, Span::file_start(file))
                .detail(format!("site.yaml 没有写 {key}，页脚不会显示它"))
                .hint(format!(
                    "在 site.yaml 加一行，如「{example}」，按本单位实际填写；演示网站写 示例数据: true 则不检查。/ Add {key} to site.yaml, or mark the site demo: true."
                )),
        );
    }
}

fn parse_base_url(text: &str, at: Location, diags: &mut Diagnostics) -> Option<BaseUrl> {
    BaseUrl::parse(text).map_err(|why| diags.push(Diagnostic::error(Code::InvalidBaseUrl, at).detail(why))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_base_url_with_a_sub_path() {
        let b = BaseUrl::parse("https://www.lianyun.gov.cn/junheng").unwrap();
        assert_eq!(b.origin, "https://www.lianyun.gov.cn");
        assert_eq!(b.path, "/junheng/");
        assert_eq!(b.absolute("policies/a/"), "https://www.lianyun.gov.cn/junheng/policies/a/");
        assert_eq!(BaseUrl::parse("http://127.0.0.1:8000/").unwrap().path, "/");
    }

    #[test]
    fn refuses_relative_and_odd_base_urls() {
        assert!(BaseUrl::parse("/junheng/").is_err());
        assert!(BaseUrl::parse("ftp://host/").is_err());
        assert!(BaseUrl::parse("https://host/?a=1").is_err());
    }
}
