//! Names the dictionary never saw, recognised by how news writes them (no dictionary, no
//! segmenter: a few string rules, so `entities` stays a cold start of an automaton).
//!
//! - **Companies by their legal form**: `Paradyne Corp`, `Wang Laboratories Inc`, `American
//!   Telephone and Telegraph Co`; `广州深灵科技有限公司`, `山东省人才在线有限公司`. The canonical
//!   name drops the legal form (`Paradyne`, `广州深灵科技`).
//! - **Institutions by their head noun**: `潇湘大数据研究院`, `广东省通信管理局`, `中国互联网
//!   产业联盟`, `Stanford University`, `Institute of Electrical and Electronics Engineers`.
//! - **Companies by the business title after them**: `锤子科技创始人罗永浩`, `九阳有关负责人`.
//! - **People by their title or role**: `高通中国区董事长孟樸`, `省长阮成发`, `华侨曹龙`,
//!   `chairman James E. Olson`, `Gary Tooker, president of Motorola`; by a form of address
//!   (`张先生`, `王某`); the writers of a byline (`记者叶婧、潘林青`, `【编辑:苑菁菁】`).
//! - **Names listed beside known ones** (`丰巢、速递易、日日顺、京东等企业`), quoted product
//!   names (`小程序“穗康”`, `饿了么“蓝海共享平台”`) and camel-case Latin names in Chinese text
//!   (`tataUFO`).
//!
//! Each such name then counts for the rest of the text in the short forms news uses: an English
//! company without its legal form (`Paradyne`) or by its first word when that is distinctive
//! (`Wang`), a Chinese one without its place prefix and legal form (`深灵科技`), an acronym given
//! in brackets after any entity (`Compagnie Generale Constructions Telephoniques (CGCT)`), and a
//! person's name alone (`孟樸`, `Tooker`, through [`super::names::propagate`]).
//! A recognised name never overrides a dictionary mention it overlaps.

use std::sync::LazyLock;

use crate::analyze::literals::{LiteralMatch, Literals};

use super::names::{Later, add_later, first_longest};
use crate::model::{Entity, EntityKind, Span};

use super::names::{
    NAME_DOT_STRS, NAME_DOTS, SURNAMES, TRANSLITERATION, ZH_CREDITS, ZH_DATELINE_OPENS,
    ZH_EDITOR_MARK, ZH_TITLES,
};

/// English legal forms that end a company name.
const EN_LEGAL: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Cos",
    "Cos.",
    "Ltd",
    "Ltd.",
    "Plc",
    "PLC",
    "plc",
    "NV",
    "N.V.",
    "SA",
    "S.A.",
    "AG",
    "GmbH",
    "LP",
    "L.P.",
    "Limited",
    "SpA",
    "S.p.A.",
    "BV",
    "B.V.",
    "A/S",
    "AS",
    "ASA",
    "AB",
    "Oy",
    "KK",
    "K.K.",
    "SE",
];

/// Words that may join the capitalised words of a name (`Cable and Wireless`).
const EN_JOINERS: &[&str] = &["and", "&", "of", "de", "du", "van", "der", "des", "la", "y"];

/// Capitalised words that open sentences, never a name's first word (`The`, `Shares`).
const EN_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "As",
    "By",
    "With",
    "From",
    "To",
    "Of",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "Shares",
    "Under",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Both",
    "All",
    "Analysts",
    "Officials",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Capitalised words too common to stand alone for a company or to be part of a person's
/// name (`American`, `International`, `Computer`).
const EN_COMMON: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "As",
    "By",
    "With",
    "From",
    "To",
    "Of",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "Shares",
    "Under",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Both",
    "All",
    "Analysts",
    "Officials",
    "American",
    "International",
    "National",
    "General",
    "United",
    "First",
    "Pacific",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "Federal",
    "Royal",
    "Standard",
    "Great",
    "New",
    "Computer",
    "Data",
    "Digital",
    "Bank",
    "Trust",
    "Financial",
    "Home",
    "Air",
    "Business",
    "Industries",
    "Systems",
    "Technology",
    "Communications",
    "Electronics",
    "Electric",
    "Products",
    "Group",
    "Holdings",
    "Corp",
    "Inc",
    "Co",
    "Japan",
    "China",
    "British",
    "French",
    "German",
    "European",
    "Texas",
    "California",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Last words of a company name that its short form drops (`Computer Terminal Systems`).
const GENERIC_LAST: &[&str] = &[
    "Systems",
    "Technologies",
    "Technology",
    "Industries",
    "Communications",
    "Laboratories",
    "International",
    "Group",
    "Holdings",
    "Enterprises",
    "Products",
    "Electronics",
    "Corp",
    "Company",
    "Services",
];

/// English heads of an institution's name (`… University`, `Institute of …`).
/// Words that do not name a company on their own (`Finance Ltd` is part of a longer name).
const EN_GENERIC_NAMES: &[&str] = &[
    "Group",
    "Finance",
    "Financial",
    "Industry",
    "Industries",
    "International",
    "Development",
    "Federal",
    "National",
    "General",
    "Holdings",
    "Holding",
    "Capital",
    "Bank",
    "Trust",
    "Securities",
    "Investment",
    "Investments",
    "Resources",
    "Energy",
    "Systems",
    "Technologies",
    "Technology",
    "Services",
    "Communications",
    "Electronics",
    "Products",
    "Enterprises",
    "Partners",
    "Associates",
    "Management",
    "Corporation",
    "Company",
    "American",
    "United",
    "Pacific",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "First",
    "Royal",
    "Standard",
    "Brothers",
    "Sons",
    "Petroleum",
    "Oil",
    "Mining",
    "Steel",
    "Motors",
    "Airlines",
    "Insurance",
    "Savings",
    "Realty",
    "Properties",
    "Software",
    "Networks",
    "Labs",
];

const EN_ORG_HEADS: &[&str] = &["University", "Institute", "Association", "Laboratory"];

/// Last words of company names in the industries the dictionary covers, part of the name
/// (`Hong Kong Telecommunications`, `California Micro`, `Texas Instruments`): after at least one
/// capitalised word, a company.
const EN_INDUSTRY_HEADS: &[&str] = &[
    "Telecommunications",
    "Telecom",
    "Telephone",
    "Electronics",
    "Semiconductor",
    "Microsystems",
    "Micro",
    "Instruments",
    "Graphics",
    "Communications",
];

/// English business titles before or after a person's name.
const EN_TITLES: &[&str] = &[
    "chairman",
    "president",
    "chief executive",
    "chief executive officer",
    "chief operating officer",
    "chief financial officer",
    "vice president",
    "executive vice president",
    "senior vice president",
    "managing director",
    "founder",
    "co-founder",
    "analyst",
    "spokesman",
    "spokeswoman",
    "treasurer",
    "director",
    "economist",
    "chief",
    "board member",
    "member",
];

/// Chinese legal forms and company heads (longest first).
const ZH_LEGAL: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团",
    "控股",
    "股份",
    "公司",
];

/// Demonstratives before a description that names no one (`这家研究院`, `该公司`).
const ZH_DEMONSTRATIVES: [char; 7] = ['这', '那', '该', '各', '每', '某', '其'];

/// The heads of [`ZH_ORG_HEADS`] that name any body (`出口联盟` is no name): they need a name of
/// three characters or more.
const ZH_BODY_HEADS: &[&str] = &["联合会", "研究会", "商会", "基金会", "委员会", "联盟"];

/// Heads that make a company only after a name that is not a description (`格兰仕公司`, not
/// `科技公司`, `该公司`, `电力公司`).
const ZH_WEAK_HEADS: &[&str] = &["公司", "股份"];

/// Chinese heads of tech and economic institutions (longest first).
const ZH_ORG_HEADS: &[&str] = &[
    "工业和信息化厅",
    "工业和信息化局",
    "经济和信息化厅",
    "经济和信息化局",
    "通信管理局",
    "大数据局",
    "研究院",
    "研究所",
    "研究中心",
    "实验室",
    "信息中心",
    "工信厅",
    "工信局",
    "经信委",
    "经信厅",
    "经信局",
    "网信办",
    "科技厅",
    "科技局",
    "大学",
    "学院",
    "协会",
    "联合会",
    "研究会",
    "商会",
    "基金会",
    "委员会",
    "联盟",
];

/// What follows a quoted product name (`“复工通”平台`).
const ZH_PRODUCT_HEADS: &[&str] = &[
    "平台",
    "App",
    "APP",
    "app",
    "小程序",
    "系统",
    "软件",
    "应用",
    "客户端",
    "公众号",
    "品牌",
    "产品",
    "网站",
];

/// What comes right before a quoted product name (`小程序“穗康”`, `奶茶品牌“奈雪的茶”`).
const ZH_PRODUCT_NOUNS: &[&str] = &[
    "平台",
    "App",
    "APP",
    "小程序",
    "客户端",
    "公众号",
    "品牌",
    "应用",
    "游戏",
    "机型",
    "芯片",
    "功能",
];

/// What a quoted name that is no product ends with, or is followed by (`“新基建”计划`,
/// `“618”`).
const ZH_NOT_PRODUCT: &[&str] = &[
    "月", "节", "周", "行动", "计划", "工程", "活动", "战略", "模式", "理念", "精神", "口号",
    "概念", "政策", "标准", "时代", "经济", "战", "年", "号",
];

/// The quoted name that opens at `pos` (`“复工通”`): its span inside the marks, when it has two
/// to ten characters, no clause punctuation or space, and is no plan, campaign or date.
fn quoted_name(text: &str, pos: usize) -> Option<(usize, usize)> {
    let from = pos + '“'.len_utf8();
    // (Ten characters take at most 40 bytes: the closing mark is looked for that far.)
    let len = text[from..crate::analyze::floor_char(text, from + 44)].find('”')?;
    let inner = &text[from..from + len];
    let end = from + len;
    let after = &text[end + '”'.len_utf8()..];
    ((2..=10).contains(&inner.chars().count())
        && !inner.contains(['，', '。', '“', ' ', '+', '、'])
        && !inner.chars().all(|c| c.is_ascii_digit())
        && !ZH_NOT_PRODUCT
            .iter()
            .any(|t| inner.ends_with(t) || after.starts_with(t)))
    .then_some((from, end))
}

/// `饿了么“蓝海共享平台”`, `华为的“鸿蒙”`: a quoted name right after a company the text names
/// is a product of it.
fn quoted_products(text: &str, entities: &[Entity]) -> Vec<Entity> {
    let mut out = Vec::new();
    // (Not after a legal form: `公司“五险一金”` is the company's, not its product.)
    for e in entities
        .iter()
        .filter(|e| e.kind == EntityKind::Vendor && !e.text.ends_with("公司"))
    {
        let rest = &text[e.span.end..];
        let pos = e.span.end
            + if rest.starts_with("的“") {
                "的".len()
            } else {
                0
            };
        if !text[pos..].starts_with('“') {
            continue;
        }
        if let Some((from, end)) = quoted_name(text, pos)
            && !overlaps(entities, Span::new(from, end))
        {
            out.push(Entity {
                text: text[from..end].to_string(),
                canonical: text[from..end].to_string(),
                kind: EntityKind::Product,
                span: Span::new(from, end),
            });
        }
    }
    out
}

/// Words before a person's name that only entity recognition reads as a role (quotation
/// speakers keep them in the description): people described by where they live or what they
/// do (`市民王女士`, `华侨曹龙`), and the credits of a byline (`记者叶婧`, `【编辑:苑菁菁】`).
const ZH_PERSON_ROLES: &[&str] = &[
    "市民",
    "村民",
    "居民",
    "华侨",
    "白领",
    "网友",
    "游客",
    "果农",
    "农户",
    "店主",
    "摊主",
    "车主",
    "评委",
    "统计师",
    "巡视员",
    "调研员",
    "特派员",
    "记者",
    "通讯员",
    "编辑",
    "作者",
    "摄影",
    "实习生",
];

/// Business titles a company's name stands right before (`锤子科技创始人罗永浩`, `菜鸟总裁万霖`,
/// `九阳有关负责人说`).
const ZH_COMPANY_TITLES: &[&str] = &[
    "联合创始人",
    "创始人",
    "创办人",
    "副董事长",
    "董事长",
    "首席执行官",
    "副总裁",
    "总裁",
    "CEO",
    "CTO",
    "COO",
    "CFO",
    "有关负责人",
    "相关负责人",
];

/// Endings of what stands before a business title and is not a company (`公司创始人`,
/// `中国区总裁`, `前CEO`, `董事长兼CEO`).
const ZH_NOT_COMPANY_LAST: &[&str] = &[
    "公司",
    "企业",
    "中国区",
    "大中华区",
    "亚太区",
    "全球",
    "区",
    "业务",
    "事业部",
    "事业群",
    "部门",
    "部",
    "团队",
    "方面",
    "官方",
    "前",
    "原",
    "现任",
    "时任",
    "首任",
    "新任",
    "联席",
    "执行",
    "兼",
    "总",
    "副",
    "及",
    "和",
    "平台",
    "项目",
    "其",
    "人",
    "者",
    "家",
    "位",
    "名",
    "第一",
    "合伙",
    "版",
    "轮值",
    "投资",
];

/// Endings of an institution's name (`广州市应急管理局`, `国际乒联`, `北京冬奥组委`): a name
/// before a business title that ends so is an organisation, not a company.
const ZH_ORG_TAILS: &[&str] = &[
    "厅", "局", "委", "办", "部", "处", "队", "会", "中心", "院", "所", "政府", "海关", "联", "盟",
    "组织", "站", "馆", "室", "社",
];

/// What follows a surname to name a person without a given name (`张先生`, `王某`).
const ZH_HONORIFICS: &[&str] = &["先生", "女士", "小姐", "某某", "某"];

/// Characters that never belong to a Chinese name: they end it on the left (`的`, `在`, `和`).
const ZH_STOPS: &str =
    "的在和与及是由对向了将从被把等以于让给这那其该各每到也都还即并或而就又已曾跟随仅只约说称";

/// [`ZH_STOP_WORDS`] by their last character: a walk back over a name asks at every character
/// whether one ends there.
static ZH_STOP_WORDS_BY_LAST: LazyLock<rustc_hash::FxHashMap<char, Vec<&'static str>>> =
    LazyLock::new(|| {
        let mut map: rustc_hash::FxHashMap<char, Vec<&'static str>> = Default::default();
        for w in ZH_STOP_WORDS {
            if let Some(c) = w.chars().next_back() {
                map.entry(c).or_default().push(w);
            }
        }
        map
    });

/// Whether `head` ends with one of [`ZH_STOP_WORDS`].
fn ends_with_stop_word(head: &str) -> bool {
    head.chars().next_back().is_some_and(|c| {
        ZH_STOP_WORDS_BY_LAST
            .get(&c)
            .is_some_and(|ws| ws.iter().any(|w| head.ends_with(w)))
    })
}

/// Words that come right before a name and are not part of it (`成立`, `旗下`, `包括`).
const ZH_STOP_WORDS: &[&str] = &[
    "成立", "收购", "投资", "宣布", "发布", "推出", "联合", "携手", "合作", "加入", "旗下", "位于",
    "来自", "包括", "表示", "认为", "指出", "介绍", "透露", "其中", "目前", "今年", "去年", "此前",
    "近日", "日前", "通过", "作为", "依托", "支持", "组织", "开展", "举办", "落户", "入驻", "牵头",
    "参与", "为了", "成为", "因为", "认为", "如", "像", "即", "据", "此次", "本次", "昨天", "今天",
    "最新", "担任", "出任",
];

/// Words that open a description of an unnamed company or institution (`一家`, `某`).
const ZH_DETERMINERS: &[&str] = &[
    "一位", "一家", "一个", "一所", "一名", "某", "另一", "另外", "多家", "几家", "数家", "两家",
    "三家", "部分", "不少", "有些", "一些", "个别", "知名",
];

/// Words that end a description of a company rather than its name (`科技公司`, `互联网公司`,
/// `上市公司`).
const ZH_DESCRIPTIONS: &[&str] = &[
    "科技",
    "网络",
    "信息",
    "互联网",
    "上市",
    "外资",
    "民营",
    "国有",
    "母",
    "子",
    "分",
    "总",
    "控股",
    "投资",
    "物流",
    "快递",
    "保险",
    "证券",
    "基金",
    "电商",
    "平台",
    "软件",
    "硬件",
    "通信",
    "电信",
    "技术",
    "能源",
    "汽车",
    "医药",
    "航空",
    "初创",
    "创业",
    "新创",
    "新兴",
    "本地",
    "本土",
    "当地",
    "外国",
    "跨国",
    "上游",
    "下游",
    "同类",
    "对手",
    "合作",
    "涉事",
    "涉案",
    "广告",
    "游戏",
    "传媒",
    "金融",
    "数据",
    "智能",
    "电子",
    "半导体",
    "芯片",
    "制造",
    "生产",
    "贸易",
    "地产",
    "房地产",
    "建筑",
    "咨询",
    "服务",
    "运营",
    "相关",
    "合资",
    "独资",
    "该",
    "本",
    "两家",
    "几家",
    "多家",
    "这家",
    "一家",
    "各家",
    "其他",
    "新",
    "大",
    "小",
    "中小",
    "龙头",
    "头部",
    "国内",
    "国外",
    "海外",
    "全球",
    "美国",
    "中国",
    "日本",
    "欧洲",
    "韩国",
    "英国",
    "德国",
    "法国",
    "旗下",
    "关联",
    "壳",
    "空壳",
    "皮包",
    "家",
    "的",
    "电力",
    "电网",
    "供电",
    "燃气",
    "水务",
    "公交",
    "出租车",
    "航运",
    "港口",
    "铁路",
    "石油",
    "石化",
    "化工",
    "钢铁",
    "煤炭",
    "食品",
    "饮料",
    "服装",
    "零售",
    "商贸",
    "实业",
    "发展",
    "建设",
    "工程",
    "集团",
    "租赁",
    "应用",
    "少数",
    "多数",
    "大型",
    "中型",
    "小型",
    "大厂",
    "巨头",
    "独角兽",
    "明星",
    "知名",
    "著名",
    "同名",
    "下属",
    "所属",
    "上述",
    "前述",
    "目标",
    "对方",
    "我们",
    "他们",
    "自己",
    "所在",
    "所有",
    "许多",
    "很多",
    "一批",
    "整个",
    "背后",
    "境外",
    "境内",
    "外地",
    "商",
    "云",
    "云计算",
    "模型",
    "大模型",
    "机器人",
    "算力",
    "数据中心",
    "新能源",
    "光伏",
    "储能",
    "餐饮",
    "教育",
    "培训",
    "医疗",
    "生物",
    "文化",
    "娱乐",
    "影视",
    "媒体",
    "出版",
    "安防",
    "检测",
    "环保",
    "农业",
    "物业",
    "中介",
    "劳务",
    "人力",
    "银行",
    "支付",
    "理财",
    "贷款",
    "小贷",
    "担保",
    "外包",
    "代工",
    "设计",
    "研发",
    "外卖",
    "出行",
    "直播",
    "短视频",
    "视频",
    "社交",
    "内容",
    "营销",
    "存储",
    "通讯",
    "终端",
    "手机",
    "设备",
    "器件",
    "材料",
    "光学",
    "显示",
    "面板",
    "电池",
    "整车",
    "车企",
    "造车",
    "自动驾驶",
    "无人机",
    "卫星",
    "航天",
    "安全",
    "量子",
    "生态",
    "方案",
    "解决方案",
    "集成",
    "系统",
    "工作室",
    "团队",
    "机构",
    "单位",
    "部门",
];

/// Modifiers that make a description, not a name, of what follows (`重点实验室`, `民间协会`).
const ZH_GENERIC: &[&str] = &[
    "产业",
    "特别",
    "建立",
    "成立",
    "审判",
    "重点",
    "国家级",
    "省级",
    "市级",
    "民间",
    "行业",
    "相关",
    "有关",
    "专业",
    "联合",
    "安全",
    "电子工程",
    "各类",
    "多家",
    "一家",
    "这家",
    "该",
    "本",
    "新",
];

/// Province and city names that prefix a Chinese company or institution (`广州深灵科技`).
const ZH_PLACES: &[&str] = &[
    "北京",
    "上海",
    "天津",
    "重庆",
    "广东",
    "广州",
    "深圳",
    "浙江",
    "杭州",
    "江苏",
    "南京",
    "苏州",
    "山东",
    "济南",
    "青岛",
    "湖北",
    "武汉",
    "湖南",
    "长沙",
    "四川",
    "成都",
    "福建",
    "福州",
    "厦门",
    "河南",
    "郑州",
    "河北",
    "石家庄",
    "安徽",
    "合肥",
    "陕西",
    "西安",
    "辽宁",
    "沈阳",
    "大连",
    "吉林",
    "长春",
    "黑龙江",
    "哈尔滨",
    "江西",
    "南昌",
    "广西",
    "南宁",
    "云南",
    "昆明",
    "贵州",
    "贵阳",
    "山西",
    "太原",
    "甘肃",
    "兰州",
    "海南",
    "海口",
    "内蒙古",
    "新疆",
    "宁夏",
    "青海",
    "西藏",
    "香港",
    "澳门",
    "台湾",
    "佛山",
    "东莞",
    "无锡",
    "宁波",
    "珠海",
];

/// Adds the names of [`self`](self) to `entities` (dictionary mentions, sorted), keeping the
/// list sorted and non-overlapping.
pub(super) fn recognise(text: &str, entities: &mut Vec<Entity>) {
    let mut found: Vec<Entity> = Vec::new();
    let mut heads = None;
    if text.is_ascii() || !text.chars().any(crate::analyze::segment::is_han) {
        let ws = words(text);
        english_companies(text, &ws, &mut found);
        english_acronyms(text, &ws, &mut found);
        english_people(text, &ws, &mut found);
        english_given_names(text, &ws, &mut found);
        english_models(text, &ws, &mut found);
    } else {
        let found_heads = ZhHeads::of(text);
        chinese_names(text, &found_heads, &mut found);
        heads = Some(found_heads);
    }
    found.retain(|f| !overlaps(entities, f.span));
    let kept = first_longest(found);
    if !kept.is_empty() {
        entities.extend(kept);
        entities.sort_by_key(|e| e.span.start);
    }
    if !text.is_ascii() {
        let seps: Vec<usize> = match &heads {
            Some(h) => h.commas.iter().map(|m| m.start).collect(),
            None => text.match_indices('、').map(|(i, _)| i).collect(),
        };
        let mut listed = chinese_lists(text, &seps, entities);
        listed.extend(quoted_products(text, entities));
        let listed = first_longest(listed);
        if !listed.is_empty() {
            entities.extend(listed);
            entities.sort_by_key(|e| e.span.start);
        }
    }
    short_forms(text, entities);
}

/// What a list of companies or products ends with after `等` (`丰巢、速递易、日日顺、近邻宝等企业`).
const ZH_LIST_NOUNS: &[&str] = &[
    "企业",
    "公司",
    "厂商",
    "品牌",
    "平台",
    "电商",
    "巨头",
    "商家",
    "应用",
    "App",
    "APP",
    "产品",
    "独角兽",
];

/// Endings of a listed item that is a description, not a name (`线下商超`, `手机厂商`).
const ZH_LIST_NOT_LAST: &[&str] = &[
    "企业",
    "公司",
    "厂商",
    "平台",
    "机构",
    "部门",
    "行业",
    "产品",
    "服务",
    "手机",
    "电脑",
    "商超",
    "门店",
    "商家",
    "用户",
    "政府",
    "市场",
    "领域",
    "业务",
    "技术",
    "设备",
    "账号",
    "邮箱",
    "号码",
    "系统",
    "网站",
    "APP",
    "App",
    "app",
    "公众号",
    "小程序",
    "客户端",
];

/// Technology words listed beside names that are not names themselves (`深圳湾实验室、人工智能与…`).
const ZH_LIST_TERMS: &[&str] = &[
    "人工智能",
    "大数据",
    "云计算",
    "区块链",
    "物联网",
    "互联网",
    "移动互联网",
    "电子商务",
    "电商",
    "直播",
    "短视频",
    "芯片",
    "半导体",
    "新能源",
];

/// Names listed with `、` beside names already tagged (`丰巢、速递易、日日顺、近邻宝等企业`,
/// `4家(碳云智能、出门问问、Rokid、优必选)`): news lists things of one kind, so an untagged
/// item of two to ten characters is a name of the kind most tagged items have — when at least
/// two items are tagged and they are half the list, or one is and the list ends with `等` and
/// a word for companies or products (`等知名企业`). Items holding part of a mention are left.
fn chinese_lists(text: &str, seps: &[usize], entities: &[Entity]) -> Vec<Entity> {
    let mut out = Vec::new();
    let name_char = |c: char| crate::analyze::segment::is_han(c) || c.is_ascii_alphanumeric();
    // The item from `from` to the next delimiter (at most ten characters).
    let item_end = |from: usize| -> Option<usize> {
        let mut end = from;
        for (n, (i, c)) in text[from..].char_indices().enumerate() {
            if !name_char(c) || ZH_STOPS.contains(c) {
                break;
            }
            if n >= 10 {
                return None;
            }
            end = from + i + c.len_utf8();
        }
        Some(end)
    };
    let mut i = 0;
    while i < seps.len() {
        let first = chinese_name_start(text, seps[i], 11);
        let mut items = vec![(first, seps[i])];
        let mut j = i;
        while let Some(end) = item_end(seps[j] + '、'.len_utf8()) {
            items.push((seps[j] + '、'.len_utf8(), end));
            if j + 1 < seps.len() && seps[j + 1] == end {
                j += 1;
            } else {
                break;
            }
        }
        i = j + 1;
        let bounded = text[..first]
            .chars()
            .next_back()
            .is_none_or(|c| !name_char(c))
            || ZH_STOPS.contains(text[..first].chars().next_back().unwrap_or(' '))
            || ends_with_stop_word(&text[..first]);
        if items.len() < 2 || !bounded {
            continue;
        }
        // Each item: tagged (a mention covers it), holding part of a mention, or free.
        let mut kinds: Vec<EntityKind> = Vec::new();
        let mut free = Vec::new();
        for &(a, b) in &items {
            let k = entities.partition_point(|e| e.span.end <= a);
            match entities.get(k).filter(|e| e.span.start < b) {
                Some(e) if e.span.start <= a && e.span.end >= b => kinds.push(e.kind),
                Some(_) => {}
                None => free.push((a, b)),
            }
        }
        let ending = text[items[items.len() - 1].1..]
            .strip_prefix('等')
            .is_some_and(|rest| {
                // (The first 24 bytes, up to the clause's end.)
                let rest = &rest[..crate::analyze::floor_char(rest, 24)];
                let rest = &rest[..rest.find(['，', '。', '；']).unwrap_or(rest.len())];
                ZH_LIST_NOUNS.iter().any(|w| rest.contains(w))
            });
        // `获得批文的企业有：X、Y、Z`: a list introduced as one of companies.
        let introduced = {
            let head = text[..first].trim_end_matches([':', '：']);
            ZH_LIST_NOUNS.iter().any(|n| {
                ["有", "包括", "如", "为", "是"]
                    .iter()
                    .any(|v| head.strip_suffix(v).is_some_and(|h| h.ends_with(n)))
            })
        };
        if kinds.is_empty()
            || (!(ending || introduced) && (kinds.len() < 2 || kinds.len() * 2 < items.len()))
        {
            continue;
        }
        // The kind most items have (vendor on a tie).
        let count = |k: EntityKind| kinds.iter().filter(|&&x| x == k).count();
        let kind = kinds
            .iter()
            .copied()
            .max_by_key(|&k| (count(k), k == EntityKind::Vendor))
            .unwrap_or(EntityKind::Vendor);
        for (a, b) in free {
            let item = &text[a..b];
            let n = item.chars().count();
            if (2..=10).contains(&n)
                && !item.chars().all(|c| c.is_ascii_digit())
                && !ZH_LIST_NOT_LAST.iter().any(|w| item.ends_with(w))
                && !ZH_DETERMINERS.iter().any(|d| item.starts_with(d))
                && !ZH_STOP_WORDS.contains(&item)
                && !ZH_LIST_TERMS.contains(&item)
            {
                out.push(Entity {
                    text: item.to_string(),
                    canonical: item.to_string(),
                    kind,
                    span: Span::new(a, b),
                });
            }
        }
    }
    out
}

/// Whether `span` overlaps a mention of the sorted, non-overlapping `list`.
fn overlaps(list: &[Entity], span: Span) -> bool {
    let k = list.partition_point(|e| e.span.end <= span.start);
    list.get(k).is_some_and(|e| e.span.start < span.end)
}

/// Whitespace-separated words of `text` with their byte spans, trailing `,;:)"` cut off.
fn words(text: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let w = &text[s..i];
                let trimmed = w.trim_end_matches([',', ';', ':', ')', '"', '>', '.']);
                // Keep the full stop of an abbreviation or initial (`Inc.`, `E.`, `U.S.`).
                let trimmed = if w[trimmed.len()..].starts_with('.')
                    && (EN_LEGAL.contains(&&w[..trimmed.len() + 1])
                        || trimmed.len() == 1
                        || trimmed.contains('.'))
                {
                    &w[..trimmed.len() + 1]
                } else {
                    trimmed
                };
                let trimmed = trimmed.strip_suffix("'s").unwrap_or(trimmed);
                let lead = trimmed.len() - trimmed.trim_start_matches(['(', '"', '<']).len();
                let trimmed = &trimmed[lead..];
                if !trimmed.is_empty() {
                    out.push((Span::new(s + lead, s + lead + trimmed.len()), trimmed));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The word ends a clause or sentence in the text (`said.`, `Corp,`), so no name runs across.
fn ends_clause(text: &str, span: Span) -> bool {
    text[span.end..]
        .chars()
        .next()
        .is_some_and(|c| matches!(c, ',' | ';' | ':' | ')' | '"' | '.' | '>'))
}

fn capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Words that say the name before them is a product line or model (`VS 7010 computer`).
const EN_PRODUCT_HEADS: &[&str] = &[
    "computer",
    "computers",
    "workstation",
    "workstations",
    "minicomputer",
    "minicomputers",
    "mainframe",
    "mainframes",
    "supercomputer",
    "supercomputers",
    "microcomputer",
    "microcomputers",
    "system",
    "systems",
    "printer",
    "printers",
    "terminal",
    "terminals",
    "server",
    "servers",
    "series",
    "model",
    "models",
    "modem",
    "modems",
    "drive",
    "drives",
    "switch",
    "switches",
    "phone",
    "phones",
    "handset",
    "handsets",
    "software",
    "line",
    "family",
];

/// Heads after which a bare model number is a chip or a product line (`the 68020
/// microprocessor`, `the 7000 series`).
const EN_NUMBER_HEADS: &[&str] = &[
    "processor",
    "processors",
    "microprocessor",
    "microprocessors",
    "chip",
    "series",
];

/// A model designation: has a digit, is short, and is not a year, a price or a quantity
/// (`4000`, `5E`, `VS-100`, `68020`; not `1987`, `$50`, `1.5`).
fn model_number(w: &str) -> bool {
    let digits = w.bytes().filter(u8::is_ascii_digit).count();
    (1..=8).contains(&w.len())
        && digits > 0
        && w.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
        && !(w.len() == 4 && digits == 4 && (w.starts_with("19") || w.starts_with("20")))
}

/// Words that say the name before them is a chip (`the 68020 microprocessor`); product words
/// too.
const EN_CHIP_HEADS: &[&str] = &[
    "processor",
    "processors",
    "microprocessor",
    "microprocessors",
    "chip",
    "chips",
];

/// What an English word is for the recognisers, found with one hash lookup instead of a scan of
/// each list: a legal form or institution head (exact case), a product word (any of
/// `computer`, `Computer`, `COMPUTER`).
static EN_WORD_CLASS: LazyLock<rustc_hash::FxHashMap<String, u8>> = LazyLock::new(|| {
    let mut m: rustc_hash::FxHashMap<String, u8> = Default::default();
    for w in EN_LEGAL {
        *m.entry(w.to_string()).or_default() |= LEGAL;
    }
    for w in EN_ORG_HEADS {
        *m.entry(w.to_string()).or_default() |= ORG_HEAD;
    }
    for w in EN_INDUSTRY_HEADS {
        *m.entry(w.to_string()).or_default() |= INDUSTRY_HEAD;
    }
    let heads = EN_PRODUCT_HEADS.iter().map(|w| (w, PRODUCT_HEAD));
    for (w, class) in heads.chain(EN_CHIP_HEADS.iter().map(|w| (w, PRODUCT_HEAD | CHIP_HEAD))) {
        let title = w[..1].to_ascii_uppercase() + &w[1..];
        for form in [w.to_string(), title, w.to_ascii_uppercase()] {
            *m.entry(form).or_default() |= class;
        }
    }
    m
});
const LEGAL: u8 = 1;
const ORG_HEAD: u8 = 2;
const PRODUCT_HEAD: u8 = 4;
const CHIP_HEAD: u8 = 8;
const INDUSTRY_HEAD: u8 = 16;

fn word_class(w: &str) -> u8 {
    EN_WORD_CLASS.get(w).copied().unwrap_or(0)
}

/// `Domain Series 4000 workstations`, `VS 7010 computer`, `the 68020 microprocessor`: a
/// capitalised product name and a model number right before a product word.
fn english_models(text: &str, ws: &[(Span, &str)], out: &mut Vec<Entity>) {
    for (k, &(_, w)) in ws.iter().enumerate() {
        if k == 0 || word_class(w) & PRODUCT_HEAD == 0 {
            continue;
        }
        // Back over model numbers, then capitalised name words, within the clause.
        let joined = |a: usize, b: usize| {
            !ends_clause(text, ws[a].0) && text[ws[a].0.end..ws[b].0.start] == *" "
        };
        let mut first = k;
        while first > 0
            && k - first < 3
            && joined(first - 1, first)
            && model_number(ws[first - 1].1)
        {
            first -= 1;
        }
        if first == k {
            continue;
        }
        let numbers_start = first;
        while first > 0 && numbers_start - first < 3 && joined(first - 1, first) && {
            let p = ws[first - 1].1;
            p.starts_with(|c: char| c.is_ascii_uppercase())
                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !EN_COMMON.contains(&p)
                && !EN_LEGAL.contains(&p)
                && !matches!(
                    p,
                    "Chapter" | "Section" | "Form" | "Rule" | "Article" | "No"
                )
        } {
            first -= 1;
        }
        let number_only = first == numbers_start;
        // `the 68020 microprocessor`, not `sold 400 chips` or `Over 30 systems`.
        let determiner = first > 0
            && matches!(
                ws[first - 1].1,
                "the" | "The" | "its" | "their" | "a" | "an" | "new"
            );
        if number_only
            && !(EN_NUMBER_HEADS.iter().any(|h| h.eq_ignore_ascii_case(w))
                && determiner
                && ws[first].1.len() >= 3
                && ws[first].1.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let opens_sentence = text[..ws[first].0.start]
            .trim_end()
            .ends_with(['.', '!', '?', '"'])
            || text[..ws[first].0.start].trim().is_empty();
        let brand = ws[first].1;
        if !number_only
            && numbers_start - first == 1
            && opens_sentence
            && brand.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        {
            continue;
        }
        let (start, end) = (ws[first].0.start, ws[k - 1].0.end);
        let chip = word_class(w) & CHIP_HEAD != 0;
        out.push(Entity {
            text: text[start..end].to_string(),
            canonical: collapse(&text[start..end]),
            kind: if chip {
                EntityKind::Chip
            } else {
                EntityKind::Product
            },
            span: Span::new(start, end),
        });
    }
}

/// `Paradyne Corp`, `American Telephone and Telegraph Co`, `Stanford University`.
fn english_companies(text: &str, ws: &[(Span, &str)], out: &mut Vec<Entity>) {
    let mut by_industry = Vec::new();
    for (k, &(span, w)) in ws.iter().enumerate() {
        let class = word_class(w);
        let (legal, org_head) = (class & LEGAL != 0, class & ORG_HEAD != 0);
        let industry = class & INDUSTRY_HEAD != 0;
        if !(legal || org_head || industry) || k == 0 {
            continue;
        }
        if industry {
            industry_company(text, ws, k, &mut by_industry);
            continue;
        }
        // Back over capitalised words and joiners, within the clause.
        let mut first = k;
        while first > 0 && k - first < 7 {
            let (ps, pw) = ws[first - 1];
            if ends_clause(text, ps) || text[ps.end..ws[first].0.start].contains("\n\n") {
                break;
            }
            if capitalised(pw) || EN_JOINERS.contains(&pw) {
                first -= 1;
            } else {
                break;
            }
        }
        while first < k && (EN_JOINERS.contains(&ws[first].1) || EN_OPENERS.contains(&ws[first].1))
        {
            first += 1;
        }
        // `Institute of Electrical and Electronics Engineers`: an institution's head may open
        // its name, the rest follows.
        let mut last = k;
        if org_head && first == k {
            let mut j = k + 1;
            if ws.get(j).is_some_and(|w| w.1 == "of") && !ends_clause(text, span) {
                j += 1;
                while j < ws.len()
                    && j - k < 7
                    && (capitalised(ws[j].1) || EN_JOINERS.contains(&ws[j].1))
                {
                    last = j;
                    if ends_clause(text, ws[j].0) {
                        break;
                    }
                    j += 1;
                }
            }
            if last == k {
                continue;
            }
        }
        // `Finance Ltd`, `Group PLC`: one generic word is the end of a longer name the text
        // wrapped or cut, not a name.
        if first == k && legal || legal && first + 1 == k && EN_GENERIC_NAMES.contains(&ws[first].1)
        {
            continue;
        }
        let start = ws[first].0.start;
        let end = ws[last].0.end;
        let (canonical, kind) = if legal {
            let base = text[start..ws[k - 1].0.end].trim_end_matches(',');
            (collapse(base), EntityKind::Vendor)
        } else {
            (collapse(&text[start..end]), EntityKind::Org)
        };
        out.push(Entity {
            text: text[start..end].to_string(),
            canonical,
            kind,
            span: Span::new(start, end),
        });
    }
    out.extend(not_continued(text, by_industry));
}

/// Words before an industry head that make a description, not a company (`U.S. Semiconductor`
/// industry, `Defense Electronics` business, `Mobile Communications`).
const EN_INDUSTRY_NOT_FIRST: &[&str] = &[
    "Defense",
    "Defence",
    "House",
    "Mobile",
    "Industrial",
    "Professional",
    "Special",
    "Negotiable",
    "Physical",
    "Satellite",
    "Video",
    "Consumer",
    "Military",
    "Digital",
    "Data",
    "Computer",
    "Computers",
    "Post",
    "Posts",
    "Minister",
    "Ministry",
    "Office",
    "Department",
    "National",
    "International",
    "American",
    "Japanese",
    "Chinese",
    "European",
    "British",
    "French",
    "German",
];

/// `Hong Kong Telecommunications`, `California Micro`: one to three capitalised words and an
/// industry head ([`EN_INDUSTRY_HEADS`]) that ends the name (no capitalised word or legal form
/// after it: `Advanced Micro Devices`, `Texas Instruments Inc` are named otherwise). Only
/// capitalised words count, not joiners (`Cemax and Island Graphics` is two names), nor a
/// possessive or a place abbreviation (`U.S. Telephone`).
fn industry_company(text: &str, ws: &[(Span, &str)], k: usize, out: &mut Vec<Entity>) {
    if ws
        .get(k + 1)
        .is_some_and(|n| capitalised(n.1) && !ends_clause(text, ws[k].0))
    {
        return;
    }
    let mut first = k;
    while first > 0 && k - first < 3 {
        let (ps, pw) = ws[first - 1];
        let gap = &text[ps.end..ws[first].0.start];
        let word_like = pw.starts_with(|c: char| c.is_ascii_uppercase())
            && !pw.ends_with("'s")
            && !pw.ends_with("’s")
            && !pw.contains(['<', '>']);
        if ends_clause(text, ps) || !gap.chars().all(|c| c == ' ') || !word_like {
            break;
        }
        first -= 1;
    }
    while first < k && EN_OPENERS.contains(&ws[first].1) {
        first += 1;
    }
    let lead = ws[first].1;
    if first == k
        || lead.chars().count() < 2
        || lead.contains("-based")
        || EN_INDUSTRY_NOT_FIRST.contains(&lead)
        || EN_COMMON.contains(&lead)
        || EN_GENERIC_NAMES.contains(&lead)
        || (lead.contains('.') && lead.len() <= 5)
    {
        return;
    }
    // (`Scientific Micro` where the text also writes `Scientific Micro Systems` is a short form,
    // named by that: the caller drops those with [`not_continued`].)
    let (start, end) = (ws[first].0.start, ws[k].0.end);
    out.push(Entity {
        text: text[start..end].to_string(),
        canonical: collapse(&text[start..end]),
        kind: EntityKind::Vendor,
        span: Span::new(start, end),
    });
}

/// `found` without the names the text writes somewhere with a capitalised word after them:
/// those are the start of a longer name (`Scientific Micro Systems`, `Philip Morris Cos`), not
/// names themselves. One pass over the text for all of them.
fn not_continued(text: &str, found: Vec<Entity>) -> Vec<Entity> {
    let mut names: Vec<String> = found.iter().map(|e| e.text.clone()).collect();
    names.sort_unstable();
    names.dedup();
    let finder = Literals::new(&names);
    let mut continued = vec![false; names.len()];
    for m in finder.overlapping(text) {
        if text[m.end..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            continued[m.pattern] = true;
        }
    }
    found
        .into_iter()
        .filter(|e| names.binary_search(&e.text).is_ok_and(|k| !continued[k]))
        .collect()
}

/// Last words of capitalised terms that are not names (`Petroleum Revenue Tax`).
const NOT_NAME_LAST: &[&str] = &[
    "Tax",
    "Taxes",
    "Requirement",
    "Rate",
    "Rates",
    "Index",
    "Product",
    "Price",
    "Prices",
    "Plan",
    "Program",
    "Programme",
    "Act",
    "Policy",
    "Account",
    "Bill",
    "Law",
    "Treaty",
    "Accord",
    "Area",
    "Zone",
    "Market",
    "Standard",
    "Ratio",
    "Value",
    "Income",
    "Growth",
    "Deficit",
    "Surplus",
    "Reserves",
    "System",
    "Scheme",
    "Initiative",
    "Strategy",
];

/// Words of an institution's name (`Ministry of …`, `… Commission`): a name defined by its
/// initials with one of them is an org, else a company.
const EN_ORG_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Agency",
    "Commission",
    "Organization",
    "Organisation",
    "Association",
    "Bureau",
    "Council",
    "Institute",
    "University",
    "Fund",
    "Agreement",
    "Federation",
    "Board",
    "Authority",
    "Office",
    "Union",
    "Committee",
    "Administration",
    "Community",
    "Bank",
    "Reserve",
    "Exchange",
    "Court",
    "Party",
];

/// `Compagnie Generale Constructions Telephoniques (CGCT)`, `<…>, CGCT`: a capitalised name
/// followed by its initials; and Reuters' `<Name>` marks of a company.
fn english_acronyms(text: &str, ws: &[(Span, &str)], out: &mut Vec<Entity>) {
    for (k, &(span, w)) in ws.iter().enumerate() {
        let acronym = (2..=6).contains(&w.len())
            && w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
            && k > 0;
        if !acronym {
            continue;
        }
        let gap = &text[ws[k - 1].0.end..span.start];
        if !matches!(gap.trim_start_matches('>').trim(), "(" | ",") {
            continue;
        }
        // Back over the name whose initials the acronym spells.
        let letters: Vec<char> = w.chars().filter(|c| c.is_ascii_uppercase()).collect();
        let mut first = k;
        let mut initials: Vec<char> = Vec::new();
        while first > 0 && initials.len() < letters.len() {
            let pw = ws[first - 1].1;
            if EN_JOINERS.contains(&pw) {
                first -= 1;
                continue;
            }
            let Some(c) = pw.chars().next().filter(|c| c.is_ascii_uppercase()) else {
                break;
            };
            initials.insert(0, c);
            first -= 1;
        }
        if initials != letters || first == k || initials.len() < 2 {
            continue;
        }
        // `Petroleum Revenue Tax (PRT)`: a term, not a name.
        if NOT_NAME_LAST.contains(&ws[k - 1].1) {
            continue;
        }
        let start = ws[first].0.start;
        let end = ws[k - 1].0.end;
        let name = collapse(&text[start..end]);
        let kind = if name.split(' ').any(|w| EN_ORG_WORDS.contains(&w)) {
            EntityKind::Org
        } else {
            EntityKind::Vendor
        };
        out.push(Entity {
            text: text[start..end].to_string(),
            canonical: name.clone(),
            kind,
            span: Span::new(start, end),
        });
        out.push(Entity {
            text: w.to_string(),
            canonical: name,
            kind,
            span,
        });
    }
    // Reuters marks companies it names for the first time: `<Shared Network Technologies Inc>`.
    for (at, _) in text.match_indices('<') {
        // (A mark is short: look for its end within 120 bytes, not to the end of the text.)
        let window = &text.as_bytes()[at + 1..text.len().min(at + 121)];
        let Some(len) = window.iter().position(|&b| b == b'>') else {
            continue;
        };
        let inner = &text[at + 1..at + 1 + len];
        let n = inner.split_whitespace().count();
        // Not a ticker (`<IBM.N>`, `<C>`): a name has lower-case letters or a legal form.
        let named = inner.chars().any(|c| c.is_ascii_lowercase())
            || inner.split_whitespace().any(|w| EN_LEGAL.contains(&w));
        if (1..=7).contains(&n)
            && named
            && inner.starts_with(|c: char| c.is_ascii_uppercase())
            && !inner.contains(['<', '\n', '.'])
            && inner
                .split_whitespace()
                .all(|w| capitalised(w) || EN_JOINERS.contains(&w) || EN_LEGAL.contains(&w))
        {
            let words: Vec<&str> = inner.split_whitespace().collect();
            let base_len = words
                .iter()
                .rposition(|w| !EN_LEGAL.contains(w))
                .map_or(0, |i| i + 1);
            out.push(Entity {
                text: inner.to_string(),
                canonical: words[..base_len].join(" "),
                kind: EntityKind::Vendor,
                span: Span::new(at + 1, at + 1 + len),
            });
        }
    }
}

/// One space for any run of whitespace (names broken over lines).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A person's name: two to four capitalised words, a middle initial allowed (`James E. Olson`).
fn person_name(ws: &[(Span, &str)], from: usize, forward: bool) -> Option<(usize, usize)> {
    let ok = |w: &str| {
        capitalised(w)
            && !EN_COMMON.contains(&w)
            && !EN_LEGAL.contains(&w)
            && w.chars()
                .skip(1)
                .all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '\''))
    };
    let mut n = 0;
    if forward {
        while from + n < ws.len() && n < 4 && ok(ws[from + n].1) {
            n += 1;
        }
        (n >= 2).then(|| (from, from + n - 1))
    } else {
        while n < from + 1 && n < 4 && ok(ws[from - n].1) {
            n += 1;
        }
        (n >= 2).then(|| (from + 1 - n, from))
    }
}

/// `chairman James E. Olson`, `Motorola President Gary Tooker`, `Gary Tooker, president of …`.
fn english_people(text: &str, ws: &[(Span, &str)], out: &mut Vec<Entity>) {
    let is = |j: usize, words: &[&str]| words.iter().any(|w| ws[j].1.eq_ignore_ascii_case(w));
    let titles: Vec<(&str, Vec<&str>)> = EN_TITLES
        .iter()
        .map(|t| (*t, t.split(' ').collect()))
        .collect();
    // A quick filter: the (first letter, length) pairs of the titles' last words.
    let mut last_words = [0u64; 26];
    for (_, parts) in &titles {
        if let Some(l) = parts.last()
            && let Some(b) = l.bytes().next().filter(u8::is_ascii_lowercase)
        {
            last_words[usize::from(b - b'a')] |= 1 << l.len().min(63);
        }
    }
    for k in 0..ws.len() {
        let w = ws[k].1.as_bytes();
        let first = w.first().map(u8::to_ascii_lowercase).unwrap_or(0);
        if !first.is_ascii_lowercase()
            || last_words[usize::from(first - b'a')] & (1 << w.len().min(63)) == 0
        {
            continue;
        }
        // A title of one or several words ending at `k`, then the name.
        for (t, parts) in &titles {
            if !parts
                .last()
                .is_some_and(|l| ws[k].1.eq_ignore_ascii_case(l))
                || k + 1 < parts.len()
                || !parts
                    .iter()
                    .enumerate()
                    .all(|(i, p)| ws[k + 1 - parts.len() + i].1.eq_ignore_ascii_case(p))
            {
                continue;
            }
            // `Motorola President Gary Tooker`, not `President Jose Sarney` or `Brazilian
            // President …`: an office title before a name needs a company before it.
            let t_start = k + 1 - parts.len();
            let office = matches!(
                *t,
                "president" | "chairman" | "chief" | "director" | "member"
            );
            let company_before = t_start >= 1 && {
                let w = ws[t_start - 1].1;
                let nationality = w.ends_with("an") || w.ends_with("ese") || w.ends_with("ish");
                capitalised(w)
                    && !EN_OPENERS.contains(&w)
                    && !nationality
                    && !ends_clause(text, ws[t_start - 1].0)
            };
            if !ends_clause(text, ws[k].0)
                && (!office || company_before)
                && let Some((a, b)) = person_name(ws, k + 1, true)
            {
                push_person(text, ws, a, b, out);
            }
            // `Gary Tooker, president of Motorola`, `Ian Diery, Wang's senior vice president`,
            // `named Jerry Kendall as president`: the name right before the title.
            let mut t0 = k + 1 - parts.len();
            while t0 >= 1 && is(t0 - 1, &["senior", "executive", "deputy", "former"]) {
                t0 -= 1;
            }
            if t0 >= 1 && text[ws[t0 - 1].0.end..].starts_with("'s") {
                t0 -= 1;
            }
            if t0 >= 1 && is(t0 - 1, &["the", "its", "as"]) {
                t0 -= 1;
            }
            let before = ws
                .get(t0.wrapping_sub(1))
                .map(|w| text[w.0.end..ws[t0].0.start].trim());
            if t0 >= 1
                && (before == Some(",") || ws[t0].1 == "as")
                && let Some((a, b)) = person_name(ws, t0 - 1, false)
            {
                push_person(text, ws, a, b, out);
            }
        }
    }
}

/// Common English given names (not those that are also places, months or common words:
/// `Virginia`, `April`, `Grace`, `Will`).
const EN_GIVEN_NAMES: &[&str] = &[
    "Aaron",
    "Adam",
    "Adrian",
    "Alan",
    "Albert",
    "Alberto",
    "Alex",
    "Alexander",
    "Alfred",
    "Alice",
    "Alicia",
    "Allan",
    "Allen",
    "Amanda",
    "Amy",
    "Andrea",
    "Andrew",
    "Andy",
    "Angela",
    "Ann",
    "Anna",
    "Anne",
    "Anthony",
    "Antonio",
    "Arnold",
    "Arthur",
    "Audrey",
    "Barbara",
    "Barry",
    "Ben",
    "Benjamin",
    "Bernard",
    "Beth",
    "Betty",
    "Beverly",
    "Bill",
    "Bob",
    "Bobby",
    "Bonnie",
    "Brad",
    "Bradley",
    "Brenda",
    "Brent",
    "Brett",
    "Brian",
    "Bruce",
    "Bryan",
    "Carl",
    "Carlos",
    "Carol",
    "Caroline",
    "Carolyn",
    "Catherine",
    "Charles",
    "Charlie",
    "Cheryl",
    "Chris",
    "Christina",
    "Christine",
    "Christopher",
    "Cindy",
    "Claire",
    "Clarence",
    "Claude",
    "Conrad",
    "Craig",
    "Cynthia",
    "Dale",
    "Dan",
    "Daniel",
    "Danielle",
    "Danny",
    "Darren",
    "Dave",
    "David",
    "Deborah",
    "Debra",
    "Denise",
    "Dennis",
    "Derek",
    "Diana",
    "Diane",
    "Donald",
    "Donna",
    "Doris",
    "Dorothy",
    "Douglas",
    "Duane",
    "Dwight",
    "Edgar",
    "Edward",
    "Edwin",
    "Eileen",
    "Elaine",
    "Eleanor",
    "Elizabeth",
    "Ellen",
    "Emily",
    "Emma",
    "Eric",
    "Erik",
    "Ernest",
    "Eugene",
    "Evelyn",
    "Felix",
    "Francis",
    "Frank",
    "Fred",
    "Frederick",
    "Gary",
    "Gene",
    "Geoffrey",
    "George",
    "Gerald",
    "Gerard",
    "Gilbert",
    "Gloria",
    "Gordon",
    "Greg",
    "Gregory",
    "Harold",
    "Harry",
    "Harvey",
    "Heather",
    "Helen",
    "Henry",
    "Herbert",
    "Howard",
    "Hugh",
    "Ian",
    "Irene",
    "Isaac",
    "Jack",
    "Jacob",
    "Jacqueline",
    "James",
    "Jamie",
    "Jane",
    "Janet",
    "Janice",
    "Jason",
    "Jean",
    "Jeff",
    "Jeffrey",
    "Jennifer",
    "Jeremy",
    "Jerome",
    "Jerry",
    "Jessica",
    "Jill",
    "Jim",
    "Jimmy",
    "Joan",
    "Joanne",
    "Joe",
    "Joel",
    "John",
    "Johnny",
    "Jon",
    "Jonathan",
    "Joseph",
    "Joshua",
    "Joyce",
    "Judith",
    "Judy",
    "Julia",
    "Julian",
    "Julie",
    "Justin",
    "Karen",
    "Karl",
    "Katherine",
    "Kathleen",
    "Kathryn",
    "Kathy",
    "Keith",
    "Kenneth",
    "Kevin",
    "Kim",
    "Kimberly",
    "Kurt",
    "Larry",
    "Laura",
    "Lauren",
    "Lawrence",
    "Leonard",
    "Leslie",
    "Linda",
    "Lisa",
    "Lloyd",
    "Lois",
    "Louis",
    "Louise",
    "Lynn",
    "Malcolm",
    "Margaret",
    "Maria",
    "Marie",
    "Marilyn",
    "Mario",
    "Marjorie",
    "Martha",
    "Martin",
    "Marvin",
    "Mary",
    "Matthew",
    "Maurice",
    "Megan",
    "Melissa",
    "Melvin",
    "Michael",
    "Michelle",
    "Mike",
    "Mitchell",
    "Monica",
    "Nancy",
    "Nathan",
    "Neil",
    "Nicholas",
    "Nicole",
    "Norman",
    "Oscar",
    "Pamela",
    "Patricia",
    "Patrick",
    "Paul",
    "Paula",
    "Peggy",
    "Peter",
    "Philip",
    "Phillip",
    "Phyllis",
    "Rachel",
    "Ralph",
    "Randall",
    "Randy",
    "Raymond",
    "Rebecca",
    "Richard",
    "Rick",
    "Robert",
    "Roberta",
    "Roger",
    "Ronald",
    "Ross",
    "Roy",
    "Russell",
    "Ruth",
    "Ryan",
    "Sally",
    "Samuel",
    "Sandra",
    "Sarah",
    "Scott",
    "Sean",
    "Sharon",
    "Sheila",
    "Shirley",
    "Stanley",
    "Stephanie",
    "Stephen",
    "Steve",
    "Steven",
    "Stuart",
    "Susan",
    "Suzanne",
    "Teresa",
    "Terry",
    "Theodore",
    "Theresa",
    "Thomas",
    "Timothy",
    "Todd",
    "Tom",
    "Tony",
    "Tracy",
    "Valerie",
    "Vernon",
    "Victor",
    "Vincent",
    "Walter",
    "Wayne",
    "Wendy",
    "William",
    "Willie",
];

/// `Ian Diery`, `Robert Penn`, `James E. Olson`: a common given name, an optional middle
/// initial and one capitalised surname, with no capitalised word after it (`John Hancock
/// Mutual Life` is a company's name).
fn english_given_names(text: &str, ws: &[(Span, &str)], out: &mut Vec<Entity>) {
    let surname = |w: &str| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars()
                .skip(1)
                .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '\''))
            && !EN_COMMON.contains(&w)
            && word_class(w) == 0
    };
    let initial = |w: &str| {
        w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_ascii_uppercase())
    };
    let mut people = Vec::new();
    for k in 0..ws.len() {
        let w = ws[k].1;
        // (Most words are not capitalised: checked before the list.)
        if !w.starts_with(|c: char| c.is_ascii_uppercase())
            || !(2..=11).contains(&w.len())
            || EN_GIVEN_NAMES.binary_search(&w).is_err()
            || ends_clause(text, ws[k].0)
        {
            continue;
        }
        let mut b = k + 1;
        if ws.get(b).is_some_and(|w| initial(w.1)) {
            b += 1;
        }
        let Some(&(last_span, last)) = ws.get(b) else {
            continue;
        };
        // (One space between the words: not across a line or a mark.)
        let joined = (k..b).all(|j| text[ws[j].0.end..ws[j + 1].0.start] == *" ");
        let after_capitalised = ws.get(b + 1).is_some_and(|n| {
            n.1.starts_with(|c: char| c.is_ascii_uppercase())
                && text[last_span.end..n.0.start].chars().all(|c| c == ' ')
        });
        if joined && surname(last) && !after_capitalised {
            push_person(text, ws, k, b, &mut people);
        }
    }
    out.extend(not_continued(text, people));
}

fn push_person(text: &str, ws: &[(Span, &str)], a: usize, b: usize, out: &mut Vec<Entity>) {
    let span = Span::new(ws[a].0.start, ws[b].0.end);
    let name = collapse(span.slice(text));
    out.push(Entity {
        text: span.slice(text).to_string(),
        canonical: name,
        kind: EntityKind::Person,
        span,
    });
}

/// The start of a Chinese name ending at `end`: back over Han, Latin letters and digits to a
/// stop (punctuation, `的`-type characters, a verb like `成立`), at most `max` characters.
fn chinese_name_start(text: &str, end: usize, max: usize) -> usize {
    // `华羽体育科技(上海)有限公司`: a place in brackets before the legal form belongs to the
    // name; the walk goes on before it.
    let head = &text[..end];
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner_end) = head.strip_suffix(close).map(str::len)
            && let Some(open_at) = head[..inner_end].rfind(open)
        {
            let place = &head[open_at + open.len_utf8()..inner_end];
            let n = place.chars().count();
            if (2..=4).contains(&n) && place.chars().all(crate::analyze::segment::is_han) {
                let start = chinese_name_start(text, open_at, max);
                return if start < open_at { start } else { end };
            }
        }
    }
    let mut start = end;
    for (n, (i, c)) in text[..end].char_indices().rev().enumerate() {
        let name_char = crate::analyze::segment::is_han(c) || c.is_ascii_alphanumeric();
        if !name_char || ZH_STOPS.contains(c) || n >= max {
            break;
        }
        if n > 0 && ends_with_stop_word(&text[..i + c.len_utf8()]) {
            break;
        }
        start = i;
    }
    start
}

/// The head words and marks the Chinese recognisers start from, in sets: [`ZH_LEGAL`],
/// [`ZH_ORG_HEADS`], [`ZH_TITLES`] with [`ZH_PERSON_ROLES`], [`ZH_COMPANY_TITLES`],
/// [`ZH_HONORIFICS`], [`ZH_SPEECH_VERBS`], [`ZH_DATELINE_OPENS`], [`ZH_EDITOR_MARK`], the name
/// dots, `“` and `、`, one after the other as one literal set (a word in two sets is there
/// twice), and where each set starts in it.
static ZH_HEAD_WORDS: LazyLock<(Literals<&'static str>, [usize; 11])> = LazyLock::new(|| {
    let sets: [&[&[&'static str]]; 11] = [
        &[ZH_LEGAL],
        &[ZH_ORG_HEADS],
        &[ZH_TITLES, ZH_PERSON_ROLES],
        &[ZH_COMPANY_TITLES],
        &[ZH_HONORIFICS],
        &[ZH_SPEECH_VERBS],
        &[&ZH_DATELINE_OPENS],
        &[&[ZH_EDITOR_MARK]],
        &[&NAME_DOT_STRS],
        &[&["“"]],
        &[&["、"]],
    ];
    let mut words = Vec::new();
    let mut starts = [0; 11];
    for (k, set) in sets.iter().enumerate() {
        starts[k] = words.len();
        words.extend(set.iter().flat_map(|s| s.iter().copied()));
    }
    (Literals::new(words), starts)
});

/// Where the head words and marks of [`ZH_HEAD_WORDS`] occur in one text, all sets found in
/// one pass (six automata and five substring searches made eleven). Each match's `pattern` is
/// its index in its own set (titles first, then roles).
struct ZhHeads {
    /// [`ZH_LEGAL`], the longest at the earliest position, not overlapping (as a
    /// leftmost-longest automaton finds them).
    legal: Vec<LiteralMatch>,
    /// [`ZH_ORG_HEADS`], leftmost-longest.
    org: Vec<LiteralMatch>,
    /// Every occurrence of [`ZH_TITLES`] and [`ZH_PERSON_ROLES`], overlapping ones too.
    titles: Vec<LiteralMatch>,
    /// [`ZH_COMPANY_TITLES`], leftmost-longest.
    company_titles: Vec<LiteralMatch>,
    /// [`ZH_HONORIFICS`], leftmost-longest.
    honorifics: Vec<LiteralMatch>,
    /// Every occurrence of [`ZH_SPEECH_VERBS`].
    speech: Vec<LiteralMatch>,
    /// Every occurrence of [`ZH_DATELINE_OPENS`] / [`ZH_EDITOR_MARK`] / a name dot / `“` /
    /// `、` (none of them overlaps itself).
    dateline_opens: Vec<LiteralMatch>,
    editor_marks: Vec<LiteralMatch>,
    dots: Vec<LiteralMatch>,
    open_quotes: Vec<LiteralMatch>,
    commas: Vec<LiteralMatch>,
}

impl ZhHeads {
    fn of(text: &str) -> ZhHeads {
        let (words, starts) = &*ZH_HEAD_WORDS;
        let mut sets: [Vec<LiteralMatch>; 11] = Default::default();
        for mut m in words.overlapping(text) {
            let k = starts.partition_point(|&s| s <= m.pattern) - 1;
            m.pattern -= starts[k];
            sets[k].push(m);
        }
        let [
            legal,
            org,
            titles,
            company_titles,
            honorifics,
            speech,
            dateline_opens,
            editor_marks,
            dots,
            open_quotes,
            commas,
        ] = sets;
        ZhHeads {
            legal: leftmost_longest(legal),
            org: leftmost_longest(org),
            titles,
            company_titles: leftmost_longest(company_titles),
            honorifics: leftmost_longest(honorifics),
            speech,
            dateline_opens,
            editor_marks,
            dots,
            open_quotes,
            commas,
        }
    }
}

/// Of every occurrence (by start, at one start by pattern), what a leftmost-longest search
/// finds: the longest at the earliest start (of equal ones, the first pattern), then the same
/// from its end on.
fn leftmost_longest(all: Vec<LiteralMatch>) -> Vec<LiteralMatch> {
    let mut out: Vec<LiteralMatch> = Vec::new();
    let mut free = 0;
    let mut i = 0;
    while i < all.len() {
        let mut best = all[i];
        let mut j = i + 1;
        while j < all.len() && all[j].start == best.start {
            if all[j].end > best.end {
                best = all[j];
            }
            j += 1;
        }
        if best.start >= free {
            free = best.end;
            out.push(best);
        }
        i = j;
    }
    out
}

/// Chinese companies, institutions and titled people.
fn chinese_names(text: &str, found: &ZhHeads, out: &mut Vec<Entity>) {
    for (heads, kind, min, matches) in [
        (ZH_LEGAL, EntityKind::Vendor, 2, &found.legal),
        (ZH_ORG_HEADS, EntityKind::Org, 2, &found.org),
    ] {
        // The heads, longest first at the earliest position.
        for m in matches {
            let (pos, at) = (m.start, m.end);
            let head = heads[m.pattern];
            // `大学生`, `学院派`: the head is part of a longer word.
            if text[at..].starts_with(['生', '派', '毕']) {
                continue;
            }
            let start = chinese_name_start(text, pos, 14);
            let name = &text[start..pos];
            let weak = ZH_WEAK_HEADS.contains(&head);
            // `科技公司`, `该公司`, `互联网科技`: a description, not a name.
            if weak
                && (name.chars().count() < 2
                    || name.chars().count() > 8
                    || ZH_DESCRIPTIONS.iter().any(|d| name.ends_with(d)))
            {
                continue;
            }
            // `一位芯片设计公司`, `某云计算公司`, `这家研究院`: an unnamed one.
            let determined = ZH_DETERMINERS.iter().any(|d| name.starts_with(d))
                || text[..start].ends_with(ZH_DEMONSTRATIVES);
            // (`出口联盟`: the general heads of bodies need a name of three characters.)
            let min = if ZH_BODY_HEADS.contains(&head) {
                3
            } else {
                min
            };
            if determined
                || name.chars().count() < min
                || name.starts_with(|c: char| c.is_ascii_digit())
                || ZH_GENERIC
                    .iter()
                    .any(|g| name.ends_with(g) && name.chars().count() <= g.chars().count() + 1)
            {
                continue;
            }
            let canonical = if kind == EntityKind::Vendor {
                // (Without a place in brackets: `华羽体育科技`.)
                match name.find(['(', '（']) {
                    Some(i) if i > 0 => name[..i].to_string(),
                    _ => name.to_string(),
                }
            } else {
                text[start..at].to_string()
            };
            out.push(Entity {
                text: text[start..at].to_string(),
                canonical,
                kind,
                span: Span::new(start, at),
            });
        }
    }
    // `“复工通”平台`, `“徐工汉云”App`, `小程序“穗康”`: a quoted name after or before what
    // it is.
    for &LiteralMatch { start: pos, .. } in &found.open_quotes {
        let Some((from, end)) = quoted_name(text, pos) else {
            continue;
        };
        let head = &text[..pos];
        let after = &text[end + '”'.len_utf8()..];
        if ZH_PRODUCT_HEADS.iter().any(|h| after.starts_with(h))
            || ZH_PRODUCT_NOUNS.iter().any(|h| head.ends_with(h))
        {
            out.push(Entity {
                text: text[from..end].to_string(),
                canonical: text[from..end].to_string(),
                kind: EntityKind::Product,
                span: Span::new(from, end),
            });
        }
    }
    chinese_speakers(text, &found.speech, out);
    chinese_titled_companies(text, &found.company_titles, out);
    latin_names_in_chinese(text, out);
    chinese_titled_people(text, &found.titles, out);
    chinese_bylines(text, found, out);
    chinese_honorifics(text, &found.honorifics, out);
    dotted_names(text, &found.dots, out);
    whole_chinese_names(text, out);
}

/// Whether `head` ends with a title or a role a person's name comes right after (`董事长`,
/// `华侨`).
fn ends_with_role(head: &str) -> bool {
    ZH_TITLES
        .iter()
        .chain(ZH_PERSON_ROLES)
        .any(|t| head.ends_with(t))
}

/// Whether `c` transliterates foreign names: [`TRANSLITERATION`] and the rarer characters of
/// given names and surnames (`约翰逊`, `斯塔默`, `库尔茨`).
fn foreign_char(c: char) -> bool {
    TRANSLITERATION.contains(c)
        || "默翰茨夏让若热斐赛茜瑞琼珀玛妮薇黛露丝萝莲勃敦顿登廷汀昂逊".contains(c)
}

/// `特拉维斯·卡兰尼克`, `约翰·阿奎利诺`: Chinese characters that transliterate a foreign name,
/// in parts joined by a name dot, name a person (not a title in `《…》`, not `中国·海南`: most of
/// the characters must be ones that transliterate).
fn dotted_names(text: &str, found: &[LiteralMatch], out: &mut Vec<Entity>) {
    let dots = NAME_DOTS;
    let mut at = 0;
    // The last `《` and `》` before the text scanned so far (one pass over the text in all).
    let (mut scanned, mut open, mut close) = (0, None, None);
    // (Each dot from `at` on, in order.)
    for &LiteralMatch { start: i, end, .. } in found {
        if i < at {
            continue;
        }
        at = end;
        // The first part: Han characters back to a stop, a title or a clause word, six at most.
        let mut start = i;
        for (n, (k, c)) in text[..i].char_indices().rev().enumerate() {
            let head = &text[..k + c.len_utf8()];
            if n >= 6
                || !(foreign_char(c) || SURNAMES.contains(c))
                || (n > 0 && (ends_with_role(head) || ends_with_stop_word(head)))
            {
                break;
            }
            start = k;
        }
        let end = dotted_name_end(text, i);
        if start == i || end == i || text[..start].ends_with(dots) {
            continue;
        }
        let name = &text[start..end];
        let letters: Vec<char> = name.chars().filter(|c| !dots.contains(c)).collect();
        let foreign = letters.iter().filter(|&&c| foreign_char(c)).count();
        let seen = &text[scanned..start];
        open = seen.rfind('《').map(|k| scanned + k).or(open);
        close = seen.rfind('》').map(|k| scanned + k).or(close);
        scanned = start;
        let in_title = match (open, close) {
            (Some(open), Some(close)) => open > close,
            (open, _) => open.is_some(),
        };
        if letters.len() >= 3
            && letters.len() <= 14
            && foreign * 4 >= letters.len() * 3
            && !in_title
            // (`约翰斯·霍普金斯大学`: part of an institution's or company's name.)
            && !ZH_ORG_HEADS.iter().chain(ZH_LEGAL).any(|h| text[end..].starts_with(h))
        {
            out.push(Entity {
                text: name.to_string(),
                canonical: name.to_string(),
                kind: EntityKind::Person,
                span: Span::new(start, end),
            });
        }
        at = at.max(end);
    }
}

/// `刘长于2日表示`, `李某光作出陈述`: a name of two characters read where a stop or an
/// ambiguous character follows is three long when every occurrence of it in the text goes on
/// with the same character (`刘长于表示`, `刘长于指出`).
fn whole_chinese_names(text: &str, out: &mut [Entity]) {
    use crate::analyze::segment::is_han;
    // The character after a two-character name that may be its third.
    let next_of = |e: &Entity| {
        let c = text[e.span.end..]
            .chars()
            .next()
            .filter(|&c| is_han(c) && !"的是了在说称".contains(c))?;
        (e.kind == EntityKind::Person && e.text.chars().count() == 2 && e.text.chars().all(is_han))
            .then_some(c)
    };
    let mut names: Vec<&str> = out
        .iter()
        .filter(|e| next_of(e).is_some())
        .map(|e| &text[e.span.start..e.span.end])
        .collect();
    if names.is_empty() {
        return;
    }
    names.sort_unstable();
    names.dedup();
    // Per name, the characters after each occurrence, in one pass (occurrences that do not
    // overlap an earlier one: as all names are two characters, the earliest to start is the
    // earliest to end).
    let finder = Literals::new(&names);
    let mut after: Vec<Vec<char>> = vec![Vec::new(); names.len()];
    for m in leftmost_longest(finder.overlapping(text).collect()) {
        after[m.pattern].push(text[m.end..].chars().next().unwrap_or(' '));
    }
    for e in out.iter_mut() {
        let Some(c) = next_of(e) else {
            continue;
        };
        let Ok(k) = names.binary_search(&&text[e.span.start..e.span.end]) else {
            continue;
        };
        if after[k].len() >= 2 && after[k].iter().all(|&d| d == c) {
            let end = e.span.end + c.len_utf8();
            e.span = Span::new(e.span.start, end);
            e.text = text[e.span.start..end].to_string();
            e.canonical = e.text.clone();
        }
    }
}

/// `锤子科技创始人罗永浩`, `菜鸟总裁万霖`, `九阳有关负责人说`: the name of two to eight
/// characters right before a business title is a company's (the name then counts throughout
/// the text, see [`short_forms`]).
fn chinese_titled_companies(text: &str, titles: &[LiteralMatch], out: &mut Vec<Entity>) {
    for m in titles {
        let pos = m.start;
        // (A name cut off by the walk's limit is not a name: `…族自治区人民政府`.)
        let start = chinese_name_start(text, pos, 12);
        let name = &text[start..pos];
        let n = name.chars().count();
        if !(2..=10).contains(&n)
            || ZH_STOP_WORDS.contains(&name)
            || name.chars().all(|c| c.is_ascii_digit())
            || ZH_NOT_COMPANY_LAST.iter().any(|w| name.ends_with(w))
            || ZH_DETERMINERS.iter().any(|d| name.starts_with(d))
            || ZH_GENERIC.iter().any(|g| name.starts_with(g))
            || ZH_TITLES.iter().any(|t| name.contains(t))
            || text[..start].ends_with(ZH_DEMONSTRATIVES)
            || chinese_name_at(text, start).is_some_and(|end| end == pos)
        {
            continue;
        }
        let kind = if ZH_ORG_TAILS.iter().any(|t| name.ends_with(t)) {
            EntityKind::Org
        } else {
            EntityKind::Vendor
        };
        out.push(Entity {
            text: name.to_string(),
            canonical: name.to_string(),
            kind,
            span: Span::new(start, pos),
        });
    }
}

/// Latin words with a capital inside that are terms, not names.
const LATIN_TERMS: &[&str] = &["mRNA", "REITs", "mmHg", "eWTP", "PhD", "iFinD"];

/// `tataUFO`, `DeepTech`, `CBInsights`, `iTunesstore`: a Latin word in Chinese text with a
/// capital inside it, as brands and products glued together are written, is a name (a
/// company's when a company word or business title follows it, else a product's).
fn latin_names_in_chinese(text: &str, out: &mut Vec<Entity>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            // (A whole character at a time: a lead byte gives its length.)
            i += match bytes[i] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &bytes[start..i];
        // (After a lower-case letter, or a capital followed by a lower-case one.)
        let camel = word.windows(2).enumerate().any(|(k, w)| {
            w[1].is_ascii_uppercase()
                && (w[0].is_ascii_lowercase()
                    || (k > 0
                        && w[0].is_ascii_uppercase()
                        && word.get(k + 2).is_some_and(u8::is_ascii_lowercase)))
        });
        let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
        // Not inside a longer Latin run (`www.DeepTech.com`, `Wi-Fi`).
        let glued = |b: Option<&u8>| {
            b.is_some_and(|&b| matches!(b, b'.' | b'-' | b'_' | b'/' | b'\'' | b':'))
        };
        let (head, after) = (&text[..start], &text[i..]);
        // (`Jolin’sVocalProducer`: after an apostrophe.)
        if !camel
            || letters < 4
            || word[0].is_ascii_digit()
            || LATIN_TERMS.contains(&&text[start..i])
            || glued(start.checked_sub(1).map(|k| &bytes[k]))
            || glued(bytes.get(i))
            || head.ends_with('’')
        {
            continue;
        }
        // A translation in brackets after a Chinese name (`卡明斯(DominicCummings)`) is left
        // to the name before it.
        if head.ends_with(['(', '（']) {
            continue;
        }
        // (`网友@RashidM`: a handle after a role.)
        let role_head = head.strip_suffix('@').unwrap_or(head);
        let kind =
            if ends_with_role(role_head) || ZH_SPEECH_VERBS.iter().any(|v| after.starts_with(v)) {
                EntityKind::Person
            } else if ZH_LEGAL
                .iter()
                .chain(ZH_COMPANY_TITLES)
                .any(|w| after.starts_with(w))
            {
                EntityKind::Vendor
            } else {
                EntityKind::Product
            };
        // `KeepCEO王宁`: a title glued to the name.
        let (end, kind) = match ["CEO", "CTO", "COO", "CFO"]
            .iter()
            .find(|t| text[start..i].ends_with(*t) && i - start > t.len() + 2)
        {
            Some(t) => (i - t.len(), EntityKind::Vendor),
            None => (i, kind),
        };
        let name = &text[start..end];
        out.push(Entity {
            text: name.to_string(),
            canonical: name.to_string(),
            kind,
            span: Span::new(start, end),
        });
    }
}

/// The person's name of two or three characters that starts at `at` with a surname and ends
/// before a stop, a non-Han character or what a name is followed by (`表示`, `介绍`): its end.
fn chinese_name_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let first = rest.chars().next()?;
    if !SURNAMES.contains(first) {
        return None;
    }
    let han: Vec<(usize, char)> = rest
        .char_indices()
        .take_while(|&(i, c)| {
            crate::analyze::segment::is_han(c)
                && !ZH_STOPS.contains(c)
                && (i == 0 || !ZH_AFTER_NAME.iter().any(|w| rest[i..].starts_with(w)))
        })
        .take(4)
        .collect();
    let len = match han.len() {
        2 | 3 => han.len(),
        _ => return None,
    };
    let mut end = at + han[len - 1].0 + han[len - 1].1.len_utf8();
    // `巡视员刘长于在…`: a stop that is the third character of a name, before another stop.
    let mut next = text[end..].chars();
    if len == 2
        && let (Some(c), Some(d)) = (next.next(), next.next())
        && "于和以与及".contains(c)
        && ZH_STOPS.contains(d)
    {
        end += c.len_utf8();
    }
    let name = &text[at..end];
    // `解释`, `华人`.
    if ZH_NOT_NAMES.iter().any(|w| name.starts_with(w))
        || ZH_AFTER_NAME.iter().any(|w| name.starts_with(w))
        || name.contains(['人', '们'])
    {
        return None;
    }
    Some(dotted_name_end(text, end))
}

/// The end of a foreign name written with name dots that continues at `end` (`安德鲁` +
/// `·戈达德`), or `end` itself.
fn dotted_name_end(text: &str, mut end: usize) -> usize {
    while let Some(dot) = text[end..].chars().next().filter(|c| NAME_DOTS.contains(c)) {
        let part = &text[end + dot.len_utf8()..];
        let len: usize = part
            .char_indices()
            .take_while(|&(i, c)| {
                // (Characters that transliterate, or a Chinese surname alone: `斯蒂芬·张`.)
                (foreign_char(c) || (i == 0 && SURNAMES.contains(c)))
                    // (`安德鲁·杰克因患…`: 因 before a word is no part of the name.)
                    && !(c == '因' && part[i + c.len_utf8()..].starts_with(crate::analyze::segment::is_han))
                    && !ZH_AFTER_NAME.iter().any(|w| part[i..].starts_with(w))
                    && !ZH_TITLES.iter().any(|w| part[i..].starts_with(w))
            })
            .take(6)
            .map(|(_, c)| c.len_utf8())
            .sum();
        if len == 0 {
            break;
        }
        end += dot.len_utf8() + len;
    }
    end
}

/// Pushes the person named at `at` ([`chinese_name_at`]) and the names listed after it with
/// `、` or spaces (`记者叶婧、潘林青`, `通讯员范伟义　潘竹梅`).
fn push_chinese_names(text: &str, mut at: usize, out: &mut Vec<Entity>) {
    for _ in 0..8 {
        let Some(end) = chinese_name_at(text, at) else {
            return;
        };
        out.push(Entity {
            text: text[at..end].to_string(),
            canonical: text[at..end].to_string(),
            kind: EntityKind::Person,
            span: Span::new(at, end),
        });
        let rest = &text[end..];
        let next = rest.trim_start_matches([' ', '\u{3000}', '、']);
        if next.len() == rest.len() || rest[..rest.len() - next.len()].contains('\n') {
            return;
        }
        at = end + (rest.len() - next.len());
    }
}

/// `董事长孟樸`, `省长阮成发`, `市民单伟`, `记者叶婧、潘林青`, `【编辑:苑菁菁】`: a title or role
/// and a name of two or three characters starting with a surname.
fn chinese_titled_people(text: &str, titles: &[LiteralMatch], out: &mut Vec<Entity>) {
    for m in titles {
        let mut after = m.end;
        // (`新闻工作者`: a credit inside another word.)
        if text[..m.start].ends_with('工') {
            continue;
        }
        if ZH_CREDITS.contains(&&text[m.start..m.end]) {
            let rest = &text[after..];
            after += rest.len() - rest.trim_start_matches([':', '：', ' ', '\u{3000}']).len();
        }
        push_chinese_names(text, after, out);
    }
}

/// The writers a Chinese wire story names without a title: in brackets after its dateline
/// (`中新网太原3月30日电(胡健 杨懿)`) and signed before its editor (`……(魏晓敏) 【编辑:朱延静】`).
fn chinese_bylines(text: &str, found: &ZhHeads, out: &mut Vec<Entity>) {
    for (k, open) in ZH_DATELINE_OPENS.iter().enumerate() {
        for m in found.dateline_opens.iter().filter(|m| m.pattern == k) {
            push_chinese_names(text, m.start + open.len(), out);
        }
    }
    for &LiteralMatch { start: pos, .. } in &found.editor_marks {
        let head = text[..pos].trim_end_matches([' ', '\u{3000}', '\t']);
        let Some(inner_end) = head.strip_suffix([')', '）']).map(str::len) else {
            continue;
        };
        let inner = &head[..inner_end];
        // (Within the bracket's reach: the names take at most 29 bytes.)
        let reach = crate::analyze::floor_char(inner, inner_end.saturating_sub(32));
        let Some(open) = inner[reach..].rfind(['(', '（']).map(|k| reach + k) else {
            continue;
        };
        let at = open
            + if inner[open..].starts_with('(') {
                1
            } else {
                '（'.len_utf8()
            };
        if inner.len() - at <= 3 * 9 + 2 {
            push_chinese_names(text, at, out);
        }
    }
}

/// `张先生`, `王女士`, `王某`: a surname and a word that stands for the given name, not inside
/// a longer word (`某些`, `和某`).
fn chinese_honorifics(text: &str, honorifics: &[LiteralMatch], out: &mut Vec<Entity>) {
    use crate::analyze::segment::is_han;
    for m in honorifics {
        let Some(surname) = text[..m.start].chars().next_back() else {
            continue;
        };
        if !SURNAMES.contains(surname) {
            continue;
        }
        let start = m.start - surname.len_utf8();
        let head = &text[..start];
        let opens = head
            .chars()
            .next_back()
            .is_none_or(|c| !is_han(c) || ZH_STOPS.contains(c))
            || ZH_BEFORE_NAME.iter().any(|w| head.ends_with(w))
            || ends_with_role(head);
        let after = text[m.end..].chars().next();
        if !opens
            || (text[m.start..].starts_with('某')
                && after.is_some_and(|c| "些种个项类样地天日年家位人处时方次件所一".contains(c)))
        {
            continue;
        }
        // `郭某思的`: a name made anonymous keeps its last character.
        let mut end = m.end;
        if let Some(c) = after
            && &text[m.start..m.end] == "某"
            && is_han(c)
            && !ZH_STOPS.contains(c)
            && text[end + c.len_utf8()..]
                .chars()
                .next()
                .is_none_or(|d| !is_han(d) || d == '的')
        {
            end += c.len_utf8();
        }
        out.push(Entity {
            text: text[start..end].to_string(),
            canonical: text[start..end].to_string(),
            kind: EntityKind::Person,
            span: Span::new(start, end),
        });
    }
}

/// `张勇表示`, `据李明介绍`: a name of two or three characters starting with a surname, right
/// before a speech verb and right after the start of a clause.
fn chinese_speakers(text: &str, verbs: &[LiteralMatch], out: &mut Vec<Entity>) {
    use crate::analyze::segment::is_han;
    for m in verbs {
        {
            let pos = m.start;
            let before: Vec<(usize, char)> = text[..pos].char_indices().rev().take(4).collect();
            for len in [3, 2] {
                let Some(&(start, first)) = before.get(len - 1) else {
                    continue;
                };
                let name = &text[start..pos];
                if !SURNAMES.contains(first)
                    || !name.chars().all(is_han)
                    || name
                        .chars()
                        .any(|c| ZH_NOT_IN_NAME.contains(c) || ZH_STOPS.contains(c))
                    || ZH_NOT_NAMES.contains(&name)
                    || ZH_NOT_NAMES.iter().any(|w| name.starts_with(w))
                {
                    continue;
                }
                // The clause starts right before the name (or a word that opens one, `据`).
                let head = &text[..start];
                let opens = head.chars().next_back().is_none_or(|c| !is_han(c))
                    || ZH_BEFORE_NAME.iter().any(|w| head.ends_with(w))
                    || ends_with_role(head);
                if opens {
                    out.push(Entity {
                        text: name.to_string(),
                        canonical: name.to_string(),
                        kind: EntityKind::Person,
                        span: Span::new(start, pos),
                    });
                    break;
                }
            }
        }
    }
}

/// Speech verbs a speaker's name stands right before.
const ZH_SPEECH_VERBS: &[&str] = &[
    "表示", "指出", "认为", "介绍", "透露", "坦言", "强调", "告诉", "直言", "回应", "解释", "提到",
    "说", "称",
];

/// Words that follow a name and are not part of it.
const ZH_AFTER_NAME: &[&str] = &[
    "表示", "指出", "认为", "介绍", "透露", "坦言", "强调", "告诉", "直言", "回应", "解释", "提到",
    "曾", "也", "还", "则", "就", "已", "都", "带领", "率领", "出席", "发表", "接受", "回忆",
    "当时", "今年", "此前", "近日", "日前", "看来", "提出", "建议", "希望", "解读", "主持", "所说",
    "团队", "一行", "致辞", "这样", "应约",
];

/// Words that open a clause right before a name (`据李明介绍`, `他和张勇说`).
const ZH_BEFORE_NAME: &[&str] = &[
    "据", "和", "与", "及", "同", "对此", "随后", "当时", "此前", "还", "也",
];

/// Characters that do not occur in a person's name before a speech verb (`人们表示`,
/// `方面表示`, `公司称`).
const ZH_NOT_IN_NAME: &str = "人们者员部局会司省市区县处厅委所院校队组方面时后前中上下里外内此该这那其我你他她它谁都均并又再曾则亦才便地得着过了吗呢吧啊也还就";

/// Words starting with a surname character that are not names (`马上说`, `高度评价`, `同时表示`).
const ZH_NOT_NAMES: &[&str] = &[
    "习惯",
    "官兵",
    "官方",
    "官员",
    "官网",
    "官宣",
    "时代",
    "方面",
    "简介",
    "师傅",
    "全国",
    "全面",
    "明年",
    "高层",
    "马上",
    "高度",
    "同时",
    "温度",
    "常常",
    "尤其",
    "向来",
    "何况",
    "安全",
    "时间",
    "金融",
    "华为",
    "文章",
    "文件",
    "白皮书",
    "王牌",
    "黄金",
    "江湖",
    "钱包",
    "程序",
    "史上",
    "方案",
    "毛利",
    "严重",
    "严格",
    "于是",
    "余额",
    "包括",
    "成功",
    "成本",
    "成为",
    "应该",
    "应当",
    "关于",
    "关键",
    "关注",
    "路透",
    "齐声",
    "纷纷",
    "段落",
    "左右",
    "甘愿",
    "祝贺",
    "宁愿",
    "连续",
    "连连",
    "管理",
    "万一",
    "司法",
    "欧盟",
    "任何",
    "武汉",
    "石家庄",
    "郑州",
    "广州",
    "上海",
    "北京",
    "杭州",
    "深圳",
    "南京",
    "天津",
    "明确",
    "景区",
    "易于",
    "康复",
    "文明",
    "许多",
    "许可",
    "高兴",
    "张口",
    "谈到",
    "曹操",
    "邓小平",
    "公开",
    "公告",
    "尚未",
    "伍佰",
    "柯达",
    "詹姆斯",
    "戴尔",
    "施耐德",
    "福特",
    "丰田",
    "宝马",
    "奔驰",
    "谷歌",
    "苹果",
];

/// The short forms a recognised name (or, for acronyms, any entity) has for the rest of the
/// text; see the module docs.
fn short_forms(text: &str, entities: &mut Vec<Entity>) {
    let later = |form: &str, e: &Entity, latin: bool| Later {
        form: form.to_string(),
        canonical: e.canonical.clone(),
        kind: e.kind,
        from: e.span.end,
        latin,
    };
    let mut shorts: Vec<Later> = Vec::new();
    let mut persons: Vec<Later> = Vec::new();
    let mut known: rustc_hash::FxHashSet<String> = Default::default();
    let mut push = |form: &str, e: &Entity, latin: bool| {
        if form.len() >= 2 && form != e.text && known.insert(form.to_string()) {
            shorts.push(later(form, e, latin));
        }
    };
    for e in entities.iter() {
        // A name recognised by title (`董事长孟樸`), an acronym defined by a name (`CGCT`):
        // every later mention of it.
        let acronym = (2..=6).contains(&e.text.len())
            && e.text.chars().all(|c| c.is_ascii_uppercase() || c == '&')
            && e.canonical != e.text;
        if (e.kind == EntityKind::Person && e.text == e.canonical && !e.text.is_ascii()) || acronym
        {
            // (A Chinese full name of three characters counts before its recognised mention too:
            // `主任丁连明专门…` is read only at `丁连明耐心地…`.)
            let whole = !acronym
                && e.text.chars().count() == 3
                && e.text.chars().all(crate::analyze::segment::is_han);
            persons.push(Later {
                from: if whole { 0 } else { e.span.end },
                ..later(&e.text, e, acronym)
            });
        }
        // `Compagnie Generale Constructions Telephoniques (CGCT)`.
        let after = &text[e.span.end..];
        if let Some(inner) = after
            .strip_prefix(" (")
            .or_else(|| after.strip_prefix('('))
            .and_then(|r| {
                // (Initials are short: their `)` comes within 8 bytes.)
                let end = r.as_bytes().iter().take(8).position(|&b| b == b')')?;
                Some(&r[..end])
            })
            && (2..=6).contains(&inner.len())
            && inner
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '&' || c.is_ascii_digit())
            && inner.chars().any(|c| c.is_ascii_uppercase())
        {
            push(inner, e, true);
        }
        if e.text == e.canonical && e.kind != EntityKind::Vendor {
            continue;
        }
        // A Chinese company known by its bare name (`锤子科技创始人…`): every mention of it.
        if e.text == e.canonical && !e.text.is_ascii() && e.text.chars().count() >= 3 {
            persons.push(Later {
                from: 0,
                ..later(&e.text, e, false)
            });
            continue;
        }
        if e.text.is_ascii() && e.kind == EntityKind::Vendor && e.text != e.canonical {
            // `Paradyne Corp` → `Paradyne`; `Wang Laboratories Inc` → `Wang`; `Computer
            // Terminal Systems Inc` → `Computer Terminal`.
            push(&e.canonical, e, true);
            if let Some((rest, last)) = e.canonical.rsplit_once(' ')
                && GENERIC_LAST.contains(&last)
                && rest.contains(' ')
            {
                push(rest, e, true);
            }
            // The first word alone only when the rest is a generic business word (`Wang
            // Laboratories`, `Apollo Computer`), never for `Santa Fe Southern Pacific`.
            let parts: Vec<&str> = e.canonical.split(' ').collect();
            if let [first, second] = parts[..]
                && (GENERIC_LAST.contains(&second)
                    || matches!(
                        second,
                        "Computer"
                            | "Data"
                            | "Semiconductor"
                            | "Instruments"
                            | "Equipment"
                            | "Microsystems"
                    ))
                && first.len() >= 4
                && !EN_COMMON.contains(&first)
                && capitalised(first)
            {
                push(first, e, true);
            }
        } else if !e.text.is_ascii() && e.kind == EntityKind::Vendor {
            // `广州深灵科技有限公司` → `深灵科技`.
            let mut base = e.canonical.as_str();
            for p in ZH_PLACES {
                if let Some(rest) = base.strip_prefix(p) {
                    base = rest.trim_start_matches(['省', '市']);
                    break;
                }
            }
            if base.chars().count() >= 3 {
                push(base, e, false);
            }
            // `华羽体育科技` → `华羽体育`: without the trade word the name ends with.
            for trade in [
                "科技", "信息", "技术", "网络", "电子", "软件", "智能", "数码", "通信",
            ] {
                if let Some(rest) = base.strip_suffix(trade)
                    && rest.chars().count() >= 3
                {
                    push(rest, e, false);
                    break;
                }
            }
        }
    }
    for p in persons {
        if known.insert(p.form.clone()) {
            shorts.push(p);
        }
    }
    add_later(text, entities, &shorts, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head words found in one pass: what a leftmost-longest automaton per set finds (or
    /// every occurrence, for titles and speech verbs), on text dense with heads.
    #[test]
    fn head_words_in_one_pass_as_an_automaton_per_set() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let spans = |v: &[LiteralMatch]| -> Vec<(usize, usize, usize)> {
            let mut v: Vec<_> = v.iter().map(|m| (m.start, m.end, m.pattern)).collect();
            v.sort_unstable();
            v
        };
        let automaton = |set: &[&str], kind: MatchKind, text: &str| {
            let ac = AhoCorasick::builder().match_kind(kind).build(set).unwrap();
            let mut v: Vec<_> = if kind == MatchKind::Standard {
                ac.find_overlapping_iter(text)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect()
            } else {
                ac.find_iter(text)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect()
            };
            v.sort_unstable();
            v
        };
        let titles: Vec<&str> = ZH_TITLES.iter().chain(ZH_PERSON_ROLES).copied().collect();
        // Every head word once, then all of them run together, then news text.
        let all: Vec<&str> = [
            ZH_LEGAL,
            ZH_ORG_HEADS,
            &titles,
            ZH_COMPANY_TITLES,
            ZH_HONORIFICS,
        ]
        .concat()
        .into_iter()
        .chain(ZH_SPEECH_VERBS.iter().copied())
        .collect();
        let mut text: String = all.join("，");
        text.push_str(&all.concat());
        text.push_str(
            "华为技术有限公司董事长兼CEO任正非表示，张先生说研究院研究所集团股份有限公司王某称",
        );
        let found = ZhHeads::of(&text);
        let ll = MatchKind::LeftmostLongest;
        assert_eq!(spans(&found.legal), automaton(ZH_LEGAL, ll, &text));
        assert_eq!(spans(&found.org), automaton(ZH_ORG_HEADS, ll, &text));
        assert_eq!(
            spans(&found.company_titles),
            automaton(ZH_COMPANY_TITLES, ll, &text)
        );
        assert_eq!(
            spans(&found.honorifics),
            automaton(ZH_HONORIFICS, ll, &text)
        );
        let every = MatchKind::Standard;
        assert_eq!(spans(&found.titles), automaton(&titles, every, &text));
        assert_eq!(
            spans(&found.speech),
            automaton(ZH_SPEECH_VERBS, every, &text)
        );
        assert!(!found.legal.is_empty() && !found.speech.is_empty());
        assert_eq!(NAME_DOT_STRS.map(|d| d.chars().next().unwrap()), NAME_DOTS);
    }

    /// The stop words looked up by their last character: the same answer as asking each.
    #[test]
    fn stop_words_by_last_character() {
        let naive = |h: &str| ZH_STOP_WORDS.iter().any(|w| h.ends_with(w));
        for w in ZH_STOP_WORDS {
            for head in [w.to_string(), format!("公司{w}"), w[3..].to_string()] {
                assert_eq!(ends_with_stop_word(&head), naive(&head), "{head}");
            }
        }
        for head in ["", "张勇", "今年华为", "A"] {
            assert_eq!(ends_with_stop_word(head), naive(head), "{head}");
        }
    }

    fn names(text: &str) -> Vec<(String, String, &'static str)> {
        let mut list = Vec::new();
        recognise(text, &mut list);
        super::super::names::propagate(text, &mut list);
        list.iter()
            .map(|e| {
                (
                    e.span.slice(text).to_string(),
                    e.canonical.clone(),
                    e.kind.as_str(),
                )
            })
            .collect()
    }

    fn has(text: &str, surface: &str, canonical: &str, kind: &str) {
        let got = names(text);
        assert!(
            got.iter()
                .any(|(s, c, k)| s == surface && c == canonical && *k == kind),
            "{surface} as {canonical} ({kind}) not in {got:?}\n{text}"
        );
    }

    fn lacks(text: &str, surface: &str) {
        let got = names(text);
        assert!(
            !got.iter().any(|(s, _, _)| s == surface),
            "{surface} should not be tagged in {got:?}\n{text}"
        );
    }

    #[test]
    fn english_models_before_a_product_word() {
        let t = "Apollo introduced the Domain Series 4000 workstations. Wang said its \
                 VS 7010 computer uses the 68020 microprocessor. It filed for Chapter 11 \
                 protection in 1987 and sold 300 computers. Sales of the 7000 series rose.";
        has(t, "Domain Series 4000", "Domain Series 4000", "product");
        has(t, "VS 7010", "VS 7010", "product");
        has(t, "68020", "68020", "chip");
        has(t, "7000", "7000", "product");
        lacks(t, "Chapter 11");
        lacks(t, "300");
    }

    #[test]
    fn english_companies_by_legal_form_and_their_short_forms() {
        let t = "Paradyne Corp said it agreed to sell. Paradyne shares rose. \
                 Wang Laboratories Inc posted a loss; Wang said sales fell. \
                 The American Telephone and Telegraph Co unit grew.";
        has(t, "Paradyne Corp", "Paradyne", "vendor");
        has(t, "Paradyne", "Paradyne", "vendor");
        has(t, "Wang Laboratories Inc", "Wang Laboratories", "vendor");
        has(t, "Wang", "Wang Laboratories", "vendor");
        has(
            t,
            "American Telephone and Telegraph Co",
            "American Telephone and Telegraph",
            "vendor",
        );
        lacks(t, "The American Telephone and Telegraph Co");
    }

    #[test]
    fn english_people_by_given_name() {
        assert!(
            EN_GIVEN_NAMES.windows(2).all(|w| w[0] < w[1]),
            "kept sorted"
        );
        let t = "Ian Diery said sales rose. James E. Olson agreed. John Hancock Mutual Life \
                 gained, and Mark said nothing. Virginia Beach grew.";
        has(t, "Ian Diery", "Ian Diery", "person");
        has(t, "James E. Olson", "James E. Olson", "person");
        lacks(t, "John Hancock");
        lacks(t, "John Hancock Mutual Life");
        lacks(t, "Virginia Beach");
    }

    #[test]
    fn english_companies_by_industry_head() {
        let t = "Hong Kong Telecommunications said profit rose. Novar Electronics agreed to buy \
                 Cemax and Island Graphics. The U.S. Semiconductor industry and Defense \
                 Electronics units grew. Advanced Micro Devices fell; Advanced Micro said so.";
        has(
            t,
            "Hong Kong Telecommunications",
            "Hong Kong Telecommunications",
            "vendor",
        );
        has(t, "Novar Electronics", "Novar Electronics", "vendor");
        has(t, "Island Graphics", "Island Graphics", "vendor");
        lacks(t, "Cemax and Island Graphics");
        lacks(t, "U.S. Semiconductor");
        lacks(t, "Defense Electronics");
        lacks(t, "Advanced Micro");
    }

    #[test]
    fn acronyms_in_brackets_count_for_the_rest_of_the_text() {
        let t = "Compagnie Generale Constructions Telephoniques SA (CGCT) was sold. CGCT makes switches.";
        has(
            t,
            "CGCT",
            "Compagnie Generale Constructions Telephoniques",
            "vendor",
        );
    }

    #[test]
    fn english_people_by_business_title() {
        let t = "Motorola President Gary Tooker said demand rose. James E. Olson, chairman of \
                 the company, agreed. Tooker added more.";
        has(t, "Gary Tooker", "Gary Tooker", "person");
        has(t, "James E. Olson", "James E. Olson", "person");
        has(t, "Tooker", "Gary Tooker", "person");
    }

    #[test]
    fn english_institutions() {
        has(
            "Researchers at Stanford University said so.",
            "Stanford University",
            "Stanford University",
            "org",
        );
        has(
            "the Institute of Electrical and Electronics Engineers said",
            "Institute of Electrical and Electronics Engineers",
            "Institute of Electrical and Electronics Engineers",
            "org",
        );
    }

    #[test]
    fn chinese_companies_institutions_and_titled_people() {
        let t = "据悉，广州深灵科技有限公司近日成立，深灵科技表示将与潇湘大数据研究院合作。\
                 高通中国区董事长孟樸说，孟樸认为5G将加速。广东省通信管理局发布通知。";
        has(t, "广州深灵科技有限公司", "广州深灵科技", "vendor");
        has(t, "深灵科技", "广州深灵科技", "vendor");
        has(t, "潇湘大数据研究院", "潇湘大数据研究院", "org");
        has(t, "孟樸", "孟樸", "person");
        has(t, "广东省通信管理局", "广东省通信管理局", "org");
        // The clause's verb and the 的 before a name are not part of it.
        lacks(t, "近日成立");
        has(
            "他们成立了华为技术有限公司的子公司",
            "华为技术有限公司",
            "华为技术",
            "vendor",
        );
    }

    /// (text, surface, kind) of a person, company or institution named by how Chinese news
    /// introduces it (its canonical name is its surface).
    #[test]
    fn chinese_people_by_role_byline_and_honorific() {
        for (t, surface, kind) in [
            ("云南省省长阮成发在会上表示，", "阮成发", "person"),
            ("华侨曹龙告诉记者，这些入境人员", "曹龙", "person"),
            ("种植基地负责人刘万林说。", "刘万林", "person"),
            ("中国外交部发言人华春莹在今天的发布会上", "华春莹", "person"),
            (
                "中新社济南3月30日电(记者叶婧、潘林青)阳春三月",
                "叶婧",
                "person",
            ),
            (
                "中新社济南3月30日电(记者叶婧、潘林青)阳春三月",
                "潘林青",
                "person",
            ),
            ("中新网太原3月30日电(胡健 杨懿)临近清明", "胡健", "person"),
            ("中新网太原3月30日电(胡健 杨懿)临近清明", "杨懿", "person"),
            ("驰骋万里。（江蓠） 【编辑:陈海峰】", "江蓠", "person"),
            ("驰骋万里。（江蓠） 【编辑:陈海峰】", "陈海峰", "person"),
            ("作者:陈曦 金凤 叶青", "金凤", "person"),
            ("往返机场和城区的张先生最近发现", "张先生", "person"),
            (
                "商务部外贸司二级巡视员刘长于在4月2日的例会上说",
                "刘长于",
                "person",
            ),
            ("此后，王某通过微信向他人出售", "王某", "person"),
            ("崔杨称，针对郭某思的犯罪前科", "郭某思", "person"),
            (
                "英国皇家内科医学会会长安德鲁·戈达德教授说",
                "安德鲁·戈达德",
                "person",
            ),
            // A business title after a name makes it a company's, or an institution's.
            ("锤子科技创始人罗永浩，日前宣布", "锤子科技", "vendor"),
            ("九阳有关负责人说，九阳也将直播间搬进", "九阳", "vendor"),
            ("广州市应急管理局相关负责人表示", "广州市应急管理局", "org"),
            ("国际乒联首席执行官史蒂夫·丹顿说", "国际乒联", "org"),
            // Latin names glued as Chinese sites write them.
            ("针对大学生的社交平台tataUFO获得融资", "tataUFO", "product"),
            ("CBInsights中国独家合作伙伴", "CBInsights", "product"),
            ("DeepTech创始人表示", "DeepTech", "vendor"),
            ("由微信小程序“穗康”生成", "穗康", "product"),
            ("更加忙碌了起来。KeepCEO王宁说", "Keep", "vendor"),
            (
                "市场研究部负责人TrevorRaymond指出",
                "TrevorRaymond",
                "person",
            ),
            ("中国点赞！网友@UmairCh：患难见真情", "UmairCh", "person"),
        ] {
            has(t, surface, surface, kind);
        }
    }

    /// Names listed with `、` beside names the dictionary tags (here `known`).
    #[test]
    fn chinese_names_listed_beside_known_ones() {
        let with_known = |t: &str, known: &[&str]| {
            let mut list: Vec<Entity> = known
                .iter()
                .flat_map(|k| t.match_indices(k))
                .map(|(at, k)| Entity {
                    text: k.to_string(),
                    canonical: k.to_string(),
                    kind: EntityKind::Vendor,
                    span: Span::new(at, at + k.len()),
                })
                .collect();
            list.sort_by_key(|e| e.span.start);
            recognise(t, &mut list);
            list.iter()
                .map(|e| e.span.slice(t).to_string())
                .collect::<Vec<_>>()
        };
        // (text, known names, found, not found)
        for (t, known, found, not) in [
            // One known name and a list ending in a word for companies.
            (
                "丰巢、速递易、日日顺、京东等企业纷纷加快布局",
                &["京东"][..],
                &["速递易", "日日顺"][..],
                &[][..],
            ),
            // Two known names of four in brackets.
            (
                "今年出现了6家(华为、禾多科技、阿里巴巴、松鼠AI)",
                &["华为", "阿里巴巴"],
                &["禾多科技", "松鼠AI"],
                &[],
            ),
            // One known name without such an ending, and descriptions in a list: nothing.
            ("华为、速递易、日日顺都在增长", &["华为"], &[], &["速递易"]),
            // One known name in a list introduced as one of companies.
            (
                "获得批文的企业有：爱施德、三五互联、中期集团。",
                &["中期集团"],
                &["爱施德", "三五互联"],
                &[],
            ),
            (
                "华为、小米、线下商超等企业",
                &["华为", "小米"],
                &[],
                &["线下商超"],
            ),
            // A quoted name right after a company, but no plan of it.
            (
                "饿了么“蓝海共享平台”为一万多人提供岗位",
                &["饿了么"],
                &["蓝海共享平台"],
                &[],
            ),
            ("阿里巴巴的“新零售”战略", &["阿里巴巴"], &[], &["新零售"]),
        ] {
            let got = with_known(t, known);
            for f in found {
                assert!(got.iter().any(|g| g == f), "{f} not in {got:?}: {t}");
            }
            for n in not {
                assert!(!got.iter().any(|g| g == n), "{n} in {got:?}: {t}");
            }
        }
    }

    /// Words after a role, a surname or a title that are no names, and lists that are not of
    /// names.
    #[test]
    fn chinese_roles_and_lists_without_names() {
        for (t, surface) in [
            ("海外华侨华人和留学生应注意防护", "华人"),
            ("发表于《自然·医学》期刊，2020中国·海南论坛", "自然·医学"),
            ("据美国约翰斯·霍普金斯大学统计", "约翰斯·霍普金斯"),
            ("发表于《自然·医学》期刊，2020中国·海南论坛", "中国·海南"),
            ("真正贵的是让机器人学会干活", "机器人学会"),
            ("物资出口的公告。本次联盟发起单位", "本次联盟"),
            ("各地的新闻工作者闻令而动", "闻令"),
            ("还包括配套的软件栈和开发者习惯。", "习惯"),
            ("他想了很久如何跟妻子解释，妻子却说", "解释"),
            ("该公司董事长兼CEO张三表示", "董事长兼"),
            ("中国区总裁李四表示", "中国区"),
            ("公司创始人王五说", "公司"),
            ("一些商家和某些平台", "和某"),
            (
                "深圳湾实验室、人工智能与数字经济广东省实验室、华为",
                "人工智能",
            ),
            ("支付宝、微信、游戏账号等虚拟财产", "游戏账号"),
            ("访问www.DeepTech.com或拨打PM2.5热线，Wi-Fi覆盖", "DeepTech"),
            (
                "核糖核酸（mRNA）疫苗，长岛北岸医院(NorthwellHealth)",
                "mRNA",
            ),
            (
                "核糖核酸（mRNA）疫苗，长岛北岸医院(NorthwellHealth)",
                "NorthwellHealth",
            ),
            // The list's tail is looked at within its sentence: no character is cut in two.
            (
                "华为、中兴、小米等。综合演练结束后，中柬双方举行了结训仪式。",
                "综合演练",
            ),
        ] {
            lacks(t, surface);
        }
    }

    #[test]
    fn nothing_from_plain_prose() {
        for t in [
            "The company said it would cut costs.",
            "公司表示，将继续加大投入。",
            "Shares of the firm fell in New York.",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }
}
