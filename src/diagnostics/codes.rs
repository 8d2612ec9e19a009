//! The table of diagnostic codes: a stable id, the title in Chinese and English, and the default
//! hint (怎么改). Docs (docs/errors.md) and tests cite these ids.
//!
//! Ranges: GS01xx reading files, GS02xx documents and site settings, GS03xx data files,
//! GS04xx themes and templates, GS05xx the output folder, GS06xx build settings, GS07xx import (导入), GS08xx deploy (发布), GS09xx faults
//! of gongshi itself.

macro_rules! codes {
    ($($name:ident = $id:literal, $zh:literal, $en:literal, $hint:literal;)*) => {
        /// A kind of problem gongshi reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($name),* }

        impl Code {
            /// Every code, in table order (for docs and tests).
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The stable id, e.g. `GS0203`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$name => $id),* }
            }

            /// Short title in Chinese.
            pub fn zh(self) -> &'static str {
                match self { $(Code::$name => $zh),* }
            }

            /// Short title in English.
            pub fn en(self) -> &'static str {
                match self { $(Code::$name => $en),* }
            }

            /// What to do about it, Chinese first; empty when the message says enough.
            pub fn hint(self) -> &'static str {
                match self { $(Code::$name => $hint),* }
            }
        }
    };
}

codes! {
    ReadFailed = "GS0101", "无法读取文件", "cannot read file",
        "检查文件是否存在、是否有读取权限。/ Check that the file exists and is readable.";
    EncodingGuessed = "GS0102", "文件不是 UTF-8 编码", "file is not UTF-8",
        "已按检测到的编码读取；请用记事本或 WPS “另存为” UTF-8 编码，以免出错。/ Decoded as detected; save it as UTF-8 to be safe.";
    EncodingUnknown = "GS0103", "无法识别文件编码", "unknown text encoding",
        "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8），或用 --encoding gbk 指定编码。/ Save the file as UTF-8, or pass --encoding.";
    YamlSyntax = "GS0104", "YAML 格式错误", "YAML syntax error",
        "检查这一行的缩进和冒号：每个字段写成“字段: 值”，冒号后要有空格；含冒号或 # 的值请加引号。/ Check indentation and the space after each colon; quote values containing ':' or '#'.";
    FrontMatterMissing = "GS0105", "缺少文件头（--- 之间的字段）", "missing front matter",
        "文档第一行必须是 ---，接着写标题等字段，再用一行 --- 结束，然后才是正文。/ Start the file with a line '---', the fields, and another '---' line.";
    FrontMatterUnclosed = "GS0106", "文件头没有结束（缺少第二行 ---）", "front matter is not closed",
        "在字段之后、正文之前加一行 ---。/ Add a line '---' after the fields, before the body.";
    EmptyFile = "GS0107", "文件是空的", "empty file",
        "写入内容，或删除这个文件。/ Write its content or delete the file.";
    DuplicateKey = "GS0108", "同一字段写了两次", "the same key is given twice",
        "中文名和英文名是同一个字段（如 标题 和 title），只保留一个。/ A Chinese alias and its English name are the same key: keep one.";
    UnknownKey = "GS0109", "未知字段", "unknown key",
        "这个字段不会被使用；检查拼写，字段表见 docs/content-format.md。/ This key is ignored; check its spelling.";
    WrongType = "GS0110", "值的类型不对", "value has the wrong type",
        "";
    SiteConfigMissing = "GS0111", "找不到 site.yaml", "site.yaml not found",
        "在网站文件夹里运行，或写出文件夹：gongshi build 网站文件夹。新建网站可参考 content/。/ Run inside the site folder or pass its path.";
    IgnoredFile = "GS0112", "这个文件不会发布", "file is not published",
        "文档要用 .md 结尾；附件请放到 files/ 文件夹。/ Documents end in .md; put attachments in files/.";
    CommentCut = "GS0115", "值被 # 截断", "value cut at a # comment",
        "YAML 里“空格 + #”之后的文字是注释，不会发布。如果 # 是内容的一部分（如“第 #1 批”），请给整个值加引号：标题: \"关于公布 #1 批名单\"。/ Quote the value to keep the # and what follows.";
    FileTooLarge = "GS0114", "文件太大", "file too large",
        "内容文件（文档、数据）最大 16 MB；请检查是否放错了文件，大的表格或资料请作为附件放到 files/。/ Content files are limited to 16 MB: put large material under files/.";
    NotAFolder = "GS0113", "网站文件夹不存在", "site folder not found",
        "检查路径是否写对。/ Check the path.";

    MissingField = "GS0201", "缺少必填字段", "a required key is missing",
        "";
    InvalidDate = "GS0202", "日期无效", "invalid date",
        "日期写成 2017-08-07 这样的“年-月-日”。/ Write dates as YYYY-MM-DD, e.g. 2017-08-07.";
    DuplicateDocNo = "GS0203", "文号重复", "duplicate doc_no",
        "每个文号在全站只能出现一次；如果是复制的文件，请改成本文件的文号。/ Each doc_no must be unique in the site.";
    InvalidValue = "GS0204", "取值无效", "invalid value",
        "";
    DuplicateUrl = "GS0205", "网址重复", "two documents have the same URL",
        "改其中一个文件的文件名，或用 网址名（slug）字段给它另起网址。/ Rename one file or give it a slug.";
    AttachmentOutside = "GS0206", "附件路径超出 files/ 文件夹", "attachment path leaves files/",
        "附件必须放在 files/ 文件夹里，路径写成相对 files/ 的路径，如 2017/附件1.pdf。/ Attachments live under files/; give a path relative to it.";
    AttachmentMissing = "GS0207", "附件文件不存在", "attachment file not found",
        "把文件放到 files/ 下面，并检查路径和文件名（包括扩展名）是否一致。/ Put the file under files/ and check the path.";
    UnknownDocNo = "GS0208", "找不到这个文号的文件", "no document has this doc_no",
        "检查文号是否写对；被替代的文件也要在网站里才能链接。/ Check the doc_no; the document must be in the site to be linked.";
    PiiIdNumber = "GS0209", "含有身份证号码", "contains a resident ID number",
        "公开内容不得含有身份证号。请删除；如确实是公开信息，把它加到 site.yaml 的 允许公开号码（pii_allow）列表。/ Remove it, or list it under pii_allow in site.yaml.";
    PiiMobile = "GS0210", "含有手机号码", "contains a mobile phone number",
        "公开内容不得含有个人手机号。请改用办公电话（带区号的座机可以公开）；如确是公开号码，加到 site.yaml 的 允许公开号码（pii_allow）列表。/ Use an office landline, or list it under pii_allow.";
    InvalidSlug = "GS0211", "网址名无效", "invalid slug",
        "网址名只能用字母、数字、汉字、- 和 _。/ Use letters, digits, Han characters, '-' and '_'.";
    PeriodReversed = "GS0212", "结束日期早于开始日期", "end date is before start date",
        "检查 开始（start）和 结束（end）是否写反。/ Check that start and end are not swapped.";
    InvalidBaseUrl = "GS0213", "网址（base_url）无效", "invalid base_url",
        "写完整网址，如 https://jyj.example.gov.cn/junheng/。/ Give an absolute URL such as https://host/junheng/.";
    FieldNotUsed = "GS0214", "这个字段在此处不起作用", "key has no effect here",
        "公示期（notice_period）和意见反馈（feedback）只用于 notices/ 下的通知公告。/ notice_period and feedback apply to notices only.";
    ReservedSlug = "GS0215", "网址名与系统页面冲突", "slug is reserved",
        "换一个文件名或 slug，避开 policies、notices、files、static 等系统使用的名字。/ Choose another name.";
    FileNameClash = "GS0217", "文件名只差大小写", "file names differ only in case",
        "Windows、macOS 和许多服务器把 Report.pdf 和 report.pdf 当作同一个文件：删掉一个或改名。/ Rename one: many systems see one file.";
    ActiveAttachment = "GS0218", "附件是网页或脚本", "attachment is a web page or script",
        "网页（.html）、脚本（.js）和带脚本的 SVG 放在网站上会以本站的名义运行，不能作为附件发布；请转换成 PDF 或图片（PNG）。/ Convert it to PDF or PNG.";
    BrokenLink = "GS0219", "链接指向的地方不存在", "broken link",
        "检查链接的写法：本站页面写成 /policies/网址名/，附件写成 /files/路径；#后面是页面里标题的位置。/ Link pages as /policies/slug/ and files as /files/path.";
    UnknownInterpreted = "GS0220", "解读对象不在本站", "the interpreted document is not on the site",
        "解读对象 interprets 要写本站一份文件的文号，写法与那份文件的 文号 一致（如 连区教〔2017〕89号）；如果那份文件还没有发布，请先把它放进 policies/。/ Name the doc_no of a document of the site.";
    PortalMarkMissing = "GS0231", "页脚缺少政府网站标识", "a portal mark is missing",
        "政府网站页脚要有主办单位、承办单位、联系方式、网站标识码、ICP备案号、公安备案号和党政机关标识；在 site.yaml 补上。/ Add the mark to site.yaml.";
    PageSectionMissing = "GS0232", "页面缺少应有的一节", "a page lacks an expected section",
        "信息公开指南要有公开范围、主动公开、依申请公开、收费、监督和救济；依申请公开页面要有受理机构、申请方式、申请内容、答复期限、监督和救济。各用一个小标题（## ……）。/ Add the section under its own heading.";
    TooDeep = "GS0216", "嵌套层次太深", "nesting too deep",
        "引用（>）或列表（- 、1.）一行里嵌套了太多层，通常是粘贴出错；请删掉多余的符号。/ Too many nested quote or list markers on one line.";

    InvalidId = "GS0301", "编号格式不对", "invalid id",
        "编号只能用小写英文字母、数字和 -，如 xugou-xiaoxue；编号定下后不要再改，网址和其他文件都用它。/ Use lowercase letters, digits and '-'.";
    DuplicateId = "GS0302", "编号重复", "duplicate id",
        "每个编号只能用一次；检查是否复制了一条记录却忘了改编号。/ Each id may be used once.";
    UnknownSchool = "GS0303", "找不到这所学校", "unknown school",
        "学校要先写进 data/schools.yaml，这里写它的编号（id）。/ Add the school to data/schools.yaml and refer to it by id.";
    SelfPairing = "GS0304", "学校不能和自己结对", "a school is paired with itself",
        "检查牵头学校和成员学校是否写重复了。/ Check the lead and member schools.";
    InvalidCount = "GS0305", "数量不对", "invalid count",
        "学生数必须大于 0，其他数量不能为负；不知道的数字请删掉这一项（显示为“未填报”），不要写 0。/ Students must be positive; leave unknown figures out.";
    StageMismatch = "GS0306", "学校没有这个学段", "the school has no such stage",
        "九年一贯制学校分小学、初中两条填报；小学只填“小学”，初中只填“初中”。/ Use a stage the school has.";
    DuplicateInList = "GS0307", "同一所学校写了两次", "the same school is listed twice",
        "每所学校在这里只能出现一次。/ List each school once.";
    UnknownPairing = "GS0308", "找不到这个结对编号", "unknown pairing",
        "结对编号要与 data/pairings.yaml 中的 id 一致。/ Use an id from data/pairings.yaml.";
    DuplicateRow = "GS0309", "同一学校同一学段填报了两次", "figures given twice",
        "每个年度文件里，每所学校的每个学段只能有一条。/ One entry per school and stage per year.";
    UnknownStandard = "GS0310", "找不到评估标准", "unknown standard",
        "内置标准是 youzhi-2017 和 jiben-2012；自定义标准放在 standards/ 文件夹。/ Use youzhi-2017, jiben-2012 or one in standards/.";
    InvalidNumber = "GS0311", "不是有效的数字", "not a number",
        "只写阿拉伯数字，可以带小数点，如 9800 或 9800.5；不要写单位。/ Write plain numbers without units.";
    YearMismatch = "GS0312", "年度与文件名不一致", "year does not match the file name",
        "指标文件按年度命名，如 data/indicators/2023.yaml 里写 year: 2023。/ Name the file after its year.";
    SameSchool = "GS0313", "派出学校和接收学校相同", "from and to are the same school",
        "";
    ReportTotal = "GS0320", "总计与各项之和不符", "a total does not match its rows",
        "总计可以不写（gongshi 会自动计算）；写了就要等于各项之和。检查是不是哪一项漏填或多填了。/ Leave totals out (they are computed) or make them match.";
    CustomKeyClash = "GS0321", "自定义数据的名字已被占用", "custom raw key clashes with a known key",
        "自定义数据（raw_keys）的 key、名称和别名不能与内置字段（如 在校学生数、students）或别的自定义数据重名；换一个名字。/ Give the custom figure a name no other key uses.";
    ReplacedInForce = "GS0340", "被替代的文件仍写着有效", "a replaced document says it is in force",
        "整份文件都被替代时，删掉它的 时效: 有效（它会自动显示为失效）；只替代了一部分时可以保留，页面显示为“部分替代”。/ Remove `时效: 有效` if the whole document is replaced; keep it for a partial replacement.";
    PartialYear = "GS0341", "年度数据不全", "a year's figures are partial",
        "补齐其余学校的指标（每所在办学校都要有一行）；补齐之前首页和达标进展页仍显示最近一个完整年度。/ Add the other schools' rows; until then pages show the last complete year.";
    FutureFiguresDate = "GS0342", "统计日期在构建日期之后", "the figures date is after the build date",
        "统计日期（date）写数据实际统计的那一天，不能是将来的日期；不知道就不写。/ Give the day the figures were taken, or leave the date out.";
    Placeholder = "GS0343", "还是新建时的占位文字", "placeholder text left in",
        "gongshi new 写下的“在这里写正文。”会原样发布：换成正文，或删掉这一行。/ Replace the placeholder written by gongshi new with the text.";
    OneDayPeriod = "GS0344", "公示期只有一天", "the notice period is one day long",
        "开始和结束是同一天，页面只显示一天“公示中”：把 结束（end）改成公示期的最后一天（公示一般不少于 5 个工作日）。/ Set end to the last day of the period.";
    TableNotPreviewed = "GS0350", "表格附件没有预览", "table attachment not previewed",
        "附件照常发布，但页面上不显示它的预览，gongshi 也没能检查其中有没有身份证号或手机号：请自己检查。表格超出了读表格的上限（见 docs/refusals.md）或已损坏时会这样；可以在 Excel/WPS 里打开后另存为，或拆成几个小文件。/ The file is published without a preview and was not checked for personal data; resave or split it.";
    SiteFolderGone = "GS0351", "预览的网站文件夹不见了", "the previewed site folder is gone",
        "文件夹被移动、改名或删除了：把它放回原处（或改回原名），预览会自动恢复；要预览别的文件夹，按 Ctrl+C 停止后重新运行 gongshi serve。/ Put the folder back (the preview recovers by itself) or restart serve on the new folder.";
    SentOverEligible = "GS0352", "派出人数多于应交流教师数", "more sent than eligible",
        "应交流教师数写这所学校当年符合交流条件的教师总数（不是派出人数），交流比例不会超过 100%；检查这一行，和名单里派出学校是这所学校的人。/ The eligible count is all teachers who could be sent; it cannot be smaller than the number sent.";
    InterpretationLoop = "GS0353", "解读对象绕成了圈", "documents interpret each other",
        "解读是对一份原文件的说明：解读对象写被解读的那份政策文件的文号，原文件本身不写解读对象。/ An interpretation names the policy it explains; the policy names none.";
    PublishedBeforeDate = "GS0354", "发布日期早于成文日期", "published before it was signed",
        "文件先签发（成文日期），再公开（发布日期）：检查两个日期是不是写反了或写错了年份。/ A document is signed before it is published: check both dates.";
    WordNotDocx = "GS0380", "不是 Word 文档（.docx）", "not a Word document (.docx)",
        "在 WPS 或 Word 里打开这个文件，“另存为”选 Word 文档（*.docx），再导入。/ Open it in WPS or Word and save as .docx.";
    WordOldFormat = "GS0381", "旧版 Word 格式（.doc/.wps）", "old Word format (.doc/.wps)",
        "在 WPS 或 Word 里打开，“文件 → 另存为”选 Word 文档（*.docx），再导入这个 .docx。装有 LibreOffice 时也可运行：soffice --headless --convert-to docx 文件.doc。/ Save it as .docx in WPS or Word, or convert it with soffice.";
    WordEncrypted = "GS0382", "文件有打开密码", "the file is password-protected",
        "在 WPS 或 Word 里输入密码打开，“文件 → 文档加密”里删去密码，另存为 .docx 后再导入。/ Remove the password in WPS or Word and save again.";
    WordTooLarge = "GS0383", "文件超出了读 Word 文件的上限", "the file is past the reader's limits",
        "上限是文件 32 MB、解压后 64 MB，见 docs/refusals.md。图片很多时先在 WPS 里“压缩图片”，或把图片作为附件另放；文件损坏时另存一份再试。/ Compress the pictures or resave the file.";
    WordEmpty = "GS0384", "文档是空的", "the document is empty",
        "检查是不是选错了文件。/ Check that this is the right file.";
    WordPdf = "GS0385", "PDF 不能导入为正文", "a PDF cannot become a page's text",
        "PDF 作为附件发布：放进 files/，在 附件 里写上路径。有 Word 原件时导入 Word 原件。/ Publish a PDF as an attachment; import the Word original instead.";
    WordUnplaced = "GS0386", "这一段放不进公文的格式", "a paragraph outside the official layout",
        "这一段按正文保留在页面里；请打开写出的文件看一看，需要时移动或删去。/ Kept as body text: check the written file.";
    WordNoDate = "GS0387", "没有找到成文日期", "no date of signing found",
        "成文日期应单独成行写在署名下面，如 2017年8月7日 或 二〇一七年八月七日。也可以导入后在文件头补上 成文日期。/ Put the date on its own line under the signature.";
    WordNoTitle = "GS0388", "没有找到标题", "no title found",
        "标题应居中写在版头（文号）下面。/ Centre the title under the document number.";
    WordSealLeftOut = "GS0389", "印章图片没有导入", "the seal picture was left out",
        "印章不在网上重新发布为图片；页面上以 发布机构 和 成文日期 代替。/ Seals are not republished as pictures.";
    WordPicture = "GS0390", "图片需要文字说明", "a picture needs a description",
        "图片已放进 files/，替代文字取自图注；请打开写出的文件检查 ![…] 里的文字，让读屏软件的用户也能知道图片的内容。/ Check the alt text of the picture.";
    WordAttachmentMissing = "GS0391", "附件说明里的附件不在文件里", "an attachment listed is not in the file",
        "把这个附件的文件放进 files/，并在写出的文件头的 附件 里加上 {标题, 文件}。/ Add the attachment's file under files/ and list it.";
    WordSkipped = "GS0392", "文件夹里的这个文件没有导入", "a file of the folder was skipped",
        "只导入 .docx 文件；.doc、.wps 请先另存为 .docx，PDF 作为附件发布。/ Only .docx files are imported.";
    TemplateError = "GS0401", "模板错误", "template error",
        "检查 templates/ 中对应的模板；删除它即可恢复使用主题自带的模板。/ Fix the template, or delete it to use the theme's own.";
    ThemeMissing = "GS0402", "找不到主题", "theme not found",
        "主题放在网站文件夹的 themes/主题名/ 下；不写主题（theme）则使用内置的 default 主题。/ Put themes under themes/NAME/, or omit theme.";

    OutputNotOwned = "GS0501", "输出文件夹不是 gongshi 生成的", "output folder is not gongshi's",
        "为防止误删文件，gongshi 只会替换它自己生成的文件夹（内有 .gongshi-output 标记文件）或空文件夹。请换一个输出文件夹（--output），或先手动清空它。/ Choose another --output folder or empty it first.";
    OutputForbidden = "GS0502", "不能用这个文件夹作输出", "this folder cannot be the output",
        "输出文件夹不能是根目录、用户主目录、网站文件夹或包含网站文件夹的目录；请用 --output 另选一个，如 public。/ Choose a dedicated folder such as public.";
    WriteFailed = "GS0503", "写入输出失败", "cannot write the output",
        "检查磁盘空间和文件夹权限；原来的输出文件夹保持不变。/ Check disk space and permissions; the previous output is untouched.";

    WarningsDenied = "GS0601", "有警告，构建按设置停止", "warnings are denied",
        "逐条处理上面的警告；或去掉 --deny-warnings（或 site.yaml 的 警告即错误（deny_warnings））。/ Fix the warnings above, or drop --deny-warnings.";

    ImportNoHeader = "GS0701", "找不到表头", "no header row found",
        "表格的第一行（或标题下面的一行）写列名，如 学校、在校学生数、教学及辅助用房面积（平方米）；列名见 docs/content-format.md。/ Put the column names in the first row.";
    ImportUnknownColumn = "GS0702", "这一列不导入", "column not imported",
        "列名和字段表都对不上，这一列被忽略；如果它应当导入，请把列名改成字段的中文名。/ Rename the column to a known field to import it.";
    ImportDuplicateColumn = "GS0703", "两列是同一个字段", "two columns name the same field",
        "删掉或改名其中一列。/ Remove or rename one of the columns.";
    ImportExists = "GS0704", "目标文件已存在", "the data file exists",
        "gongshi 不会覆盖已有的数据文件。确认要替换时加 --force（旧文件会在同一文件夹备份为 .文件名.bak-日期-时间），或用 --out 另写一个文件。/ Pass --force (a backup is kept) or --out.";
    ImportNoSchools = "GS0705", "网站没有学校名录", "the site has no schools",
        "先导入学校名录（gongshi import schools 学校名录.xlsx），或用 --site 指定网站文件夹。/ Import the schools first, or pass --site.";
    ImportNeedsYear = "GS0706", "不知道年度", "the year is not known",
        "加一列“年度”，或用 --year 2023 指定。/ Add a year column or pass --year.";
    ImportNoRows = "GS0707", "表格里没有数据", "the sheet has no rows",
        "检查是不是选错了文件或工作表：导入第一个工作表，或名字像“学校”“指标”的那个。/ Check the file and the sheet.";

    DeploySecretInFile = "GS0800", "密钥不能写在 site.yaml 里", "a secret in site.yaml",
        "删掉这一行，把密钥放进环境变量（见 docs/deploy.md），CI 里用仓库的机密变量。/ Remove it; secrets come from the environment only.";
    DeployTargetInvalid = "GS0801", "发布目标设置有误", "a deploy target is not valid",
        "按 docs/content-format.md 的“发布（deploy）”一节改正。/ See the deploy section of docs/content-format.md.";
    DeployTargetUnknown = "GS0802", "没有这个发布目标", "no such deploy target",
        "在 site.yaml 的 发布（deploy）里加上它，或用 --target 选一个已有的名称。/ Add it to deploy in site.yaml, or pick one with --target.";
    DeployNoOutput = "GS0803", "还没有构建好的输出", "nothing built to deploy",
        "先运行 gongshi build：发布只上传构建好的文件，不会自己构建。/ Run gongshi build first.";
    DeployTooManyDeletes = "GS0804", "要删除的文件太多", "too many files to delete",
        "先用 --dry-run 看清要删除哪些文件；确实要删，加 --confirm（或调高 --max-deletes）。/ Check with --dry-run, then pass --confirm.";
    DeployFailed = "GS0805", "发布没有全部完成", "the deploy did not finish",
        "网络或服务器恢复后再运行一次 gongshi deploy：已上传的文件不会重传，网站也不会缺样式表。/ Run gongshi deploy again; finished uploads are not repeated.";
    DeployNoCredentials = "GS0806", "缺少访问密钥", "credentials are missing",
        "设置环境变量：GONGSHI_S3_ACCESS_KEY_ID 和 GONGSHI_S3_SECRET_ACCESS_KEY，或 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY。/ Set the access key variables.";
    DeployUnsupported = "GS0807", "这个 gongshi 不能发布到远程目标", "remote targets are not built in",
        "用默认功能重新安装：不要加 --no-default-features。/ Reinstall with the default features.";

    Internal = "GS0901", "gongshi 内部错误", "internal error in gongshi",
        "这是 gongshi 的缺陷，不是内容的问题。请把这条消息和网站文件夹报告给维护者；原来的输出保持不变。/ A bug in gongshi: please report it with the site folder.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let id = code.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(id.len() == 6 && id.starts_with("GS"), "{id}");
            assert!(!code.zh().is_empty() && !code.en().is_empty());
        }
    }

    /// The first English word written right before a Chinese parenthesis in `text`, if any:
    /// `slug（网址名）` puts the English name first where the Chinese one belongs
    /// (`网址名（slug）`). A command-line flag (`--force（…）`) is not a key and may.
    pub(crate) fn english_first(text: &str) -> Option<&str> {
        text.match_indices('（').find_map(|(at, _)| {
            let before = &text[..at];
            let word = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let word = &before[word.len()..];
            (!word.is_empty() && !word.starts_with('-')).then_some(word)
        })
    }

    /// Issue 19: hints name keys by their Chinese name first, the English one after it.
    #[test]
    fn hints_name_keys_chinese_first() {
        for code in Code::ALL {
            let chinese = code.hint().split(" / ").next().unwrap_or_default();
            assert_eq!(english_first(chinese), None, "{}: {chinese}", code.id());
            assert_eq!(english_first(code.zh()), None, "{}", code.id());
        }
        assert!(Code::PiiMobile.hint().contains("允许公开号码（pii_allow）"));
        assert!(Code::WarningsDenied.hint().contains("警告即错误（deny_warnings）"));
    }
}
