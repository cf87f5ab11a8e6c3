//! Table tests of quotations and speakers.

use crate::analyze::Analyzer;
use crate::ingest::{IngestConfig, Ingester, InputFormat};
use crate::model::{Attribution, Origin};

/// (name, article text, expected (quotation, speaker, role, cue, attribution) in order).
type Case = (
    &'static str,
    &'static str,
    &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Attribution,
    )],
);

use Attribution::*;
const CASES: &[Case] = &[
    (
        "a quotation after a colon is the sentence's subject's, not its object's or possessor's",
        "曾任导演的克里斯托弗·米勒发推悼念杰克：“他是一个和善、体贴的人。”\n\n王东桃的丈夫张建国接过话茬：“那年头，可供借鉴的研究成果极少。”",
        &[
            ("他是一个和善、体贴的人。", "克里斯托弗·米勒", "", "", None),
            ("那年头，可供借鉴的研究成果极少。", "张建国", "", "", None),
        ],
    ),
    (
        "a citation that runs on into the sentence is a name; a long phrase names no writer",
        "多年来，王刚的“特别能吃苦，特别能战斗”精神激励着同事。清末诗人巨赞赠日本僧人的诗句“晒台立本情无隔，一树花开两地芳。”流传至今。",
        &[],
    ),
    (
        "a name introduced by 名叫 is a pronoun's antecedent; a titled start of a long subject",
        "“老雷”名叫雷明光，是一名退休医生。他说：“当时看到那么多病人，我坐不住了。”\n\n事故发生，司机回了对方一句，说“脱轨了，已经掉道了。”\n\n奥地利总理库尔茨3日表示，政府将考虑逐步退出“应急运行模式”。",
        &[
            (
                "当时看到那么多病人，我坐不住了。",
                "雷明光",
                "",
                "说",
                SpeakerFirst,
            ),
            ("脱轨了，已经掉道了。", "司机", "", "说", SpeakerFirst),
            ("应急运行模式", "库尔茨", "", "表示", SpeakerFirst),
        ],
    ),
    (
        "words cited from a named writer: with 名言, in a work, or a sentence after 的",
        "物资上印有法国作家雨果的名言“团结定能胜利”，也有意大利诗人但丁《神曲》中的“黑夜过后是满天星”，还有唐代学者王青的“山高路远，心意相通”。",
        &[
            ("团结定能胜利", "雨果", "法国作家", "", SpeakerFirst),
            ("黑夜过后是满天星", "但丁", "意大利诗人", "", SpeakerFirst),
            ("山高路远，心意相通", "王青", "唐代学者", "", SpeakerFirst),
        ],
    ),
    (
        "a quotation named right after it; the writer of a work before a colon",
        "“本公司股票将于5月3日起停牌。”这是华创股份的最新公告。\n\n明代文人刘文远在《春游记》中有一段文字：“落花满地，游人少，春色正好。”",
        &[
            (
                "本公司股票将于5月3日起停牌。",
                "华创股份",
                "",
                "",
                SpeakerFirst,
            ),
            (
                "落花满地，游人少，春色正好。",
                "刘文远",
                "明代文人",
                "",
                SpeakerFirst,
            ),
        ],
    ),
    (
        "a list after a quotation goes on quoting; two clauses with connectives are no couplet",
        "报道称，李明在文章中提到“市府没有主动派员协助，导致损失扩大”、“前市长拒绝赔偿”。李明称，对方当时“不但不帮忙，还落井下石”。",
        &[
            (
                "市府没有主动派员协助，导致损失扩大",
                "李明",
                "",
                "提到",
                SpeakerFirst,
            ),
            ("前市长拒绝赔偿", "李明", "", "提到", Series),
            ("不但不帮忙，还落井下石", "李明", "", "称", SpeakerFirst),
        ],
    ),
    (
        "the title that ends last splits role from name (副主任, not 委员 inside 委员会)",
        "全国人大常委会香港基本法委员会副主任陈小红表示：“我们会继续做好解释工作。”",
        &[(
            "我们会继续做好解释工作。",
            "陈小红",
            "全国人大常委会香港基本法委员会副主任",
            "表示",
            SpeakerFirst,
        )],
    ),
    (
        "English: a participle's subject with its title, after a dateline; a party tag; a long appositive",
        "BOSTON, May 2 (UPI) — Band member Jo Flea shared the news last week, writing \"Feels great to support him.\"\n\n\"The veto will be overridden,\" Senate Majority Leader Ann Cole, R-Ky., said Tuesday.\n\n\"It is fiscally responsible,\" Leonard E. Burman, director of the Tax Policy Center and a professor at Syracuse University, said of the plan.",
        &[
            (
                "Feels great to support him.",
                "Jo Flea",
                "Band member",
                "writing",
                SpeakerFirst,
            ),
            (
                "The veto will be overridden,",
                "Ann Cole",
                "Senate Majority Leader",
                "said",
                QuoteFirst,
            ),
            (
                "It is fiscally responsible,",
                "Leonard E. Burman",
                "director of the Tax Policy Center and a professor at Syracuse University",
                "said",
                QuoteFirst,
            ),
        ],
    ),
    (
        "English: a subject before an infinitive cue, a coordinated verb, a name ending in -ing",
        "The debate was so calm that Mr. Trump was prompted to say, \"I cannot believe how civil it is.\"\n\nCarson did not name his rivals, but told his supporters, \"our nation is in trouble.\"\n\nTo that, Schilling added: \"A man is a man.\"",
        &[
            (
                "I cannot believe how civil it is.",
                "Mr. Trump",
                "",
                "say",
                SpeakerFirst,
            ),
            (
                "our nation is in trouble.",
                "Carson",
                "",
                "told",
                SpeakerFirst,
            ),
            ("A man is a man.", "Schilling", "", "added", SpeakerFirst),
        ],
    ),
    (
        "a one-character cue glued to a dotted name",
        "“我们会继续努力。”协会的主席兼首席执行官史蒂夫·西蒙说，“比赛终将回来。”",
        &[
            (
                "我们会继续努力。",
                "史蒂夫·西蒙",
                "主席兼首席执行官",
                "说",
                QuoteFirst,
            ),
            (
                "比赛终将回来。",
                "史蒂夫·西蒙",
                "主席兼首席执行官",
                "说",
                SpeakerFirst,
            ),
        ],
    ),
    (
        "a name set off by commas before the cue is the antecedent of a later pronoun",
        "\"We are glad,\" Mayor Jim Hart said. She flew to Long Beach, some miles away. Her brother, Mark Cole, said he got a call. \"I almost fainted,\" he said.",
        &[
            ("We are glad,", "Jim Hart", "Mayor", "said", QuoteFirst),
            ("I almost fainted,", "Mark Cole", "", "said", QuoteFirst),
        ],
    ),
    (
        "a day after the cue is no inverted speaker; `the president` is the one with that title",
        "Jo Lane, a member of the panel, said Saturday, \"We need the files.\" President Ann Wu said she met Lane. Lane was glad. \"We will look at it,\" the president said.",
        &[
            (
                "We need the files.",
                "Jo Lane",
                "a member of the panel",
                "said",
                SpeakerFirst,
            ),
            ("We will look at it,", "Ann Wu", "", "said", QuoteFirst),
        ],
    ),
    (
        "words quoted inside someone's reported speech are theirs; a quoted body's name is not",
        "局长王强表示，警员无法完全避免接触，因为“总不能穿着防护服上班”，“警员必须随时能出警”。他说，此事已交给“市交通安全委员会”。",
        &[
            ("总不能穿着防护服上班", "王强", "局长", "表示", SpeakerFirst),
            ("警员必须随时能出警", "王强", "局长", "表示", SpeakerFirst),
        ],
    ),
    (
        "a bare title before a list comma names nobody; a colleague is a speaker",
        "“民主党”前主席、知名人士何大仁表示：“我们会再讨论这件事。”一位参与收集信息的同事说：“他们也是亲人！”",
        &[
            (
                "我们会再讨论这件事。",
                "知名人士何大仁",
                "",
                "表示",
                SpeakerFirst,
            ),
            (
                "他们也是亲人！",
                "一位参与收集信息的同事",
                "",
                "说",
                SpeakerFirst,
            ),
        ],
    ),
    (
        "four characters closing someone's reported speech are their words",
        "林芳表示，两级政府必须“守土有责”。",
        &[("守土有责", "林芳", "", "表示", SpeakerFirst)],
    ),
    (
        "该人士, 上述负责人 and 该乘客 stand for the description given before",
        "一位不愿具名的业内人士透露，订单已经排到明年。该人士称：“产能仍然紧张。”\n\n礼泉县发改局的一名负责人表示，项目已经开工。上述负责人说：“我们会加快进度。”\n\n一名乘客在车厢里拍下视频。该乘客表示：“当时非常害怕。”",
        &[
            (
                "产能仍然紧张。",
                "一位不愿具名的业内人士",
                "",
                "称",
                SpeakerFirst,
            ),
            ("我们会加快进度。", "一名负责人", "", "说", SpeakerFirst),
            ("当时非常害怕。", "一名乘客", "", "表示", SpeakerFirst),
        ],
    ),
    (
        "the writer's own `从这个意义上说` is no speech cue",
        "从这个意义上说，我们这个社会才能让“爱心一直传递下去”。",
        &[],
    ),
    (
        "a series of quotations shares the speaker of its last one",
        "那天夜里很冷。\n“真及时！”“这是好事！”不少读者留言说。",
        &[
            ("真及时！", "不少读者", "", "留言", QuoteFirst),
            ("这是好事！", "不少读者", "", "留言", QuoteFirst),
        ],
    ),
    (
        "two apostrophes as quotation marks, a single quote inside",
        "''We won. Again,'' Tom Lee said.\n\n''It was 'great,' really,'' said Ann Wu. She left.",
        &[
            ("We won. Again,", "Tom Lee", "", "said", QuoteFirst),
            ("It was 'great,' really,", "Ann Wu", "", "said", QuoteFirst),
        ],
    ),
    (
        "English attributions: a long addressee set off by a comma, a name and colon, a dash line",
        "Tom Lee told reporters in a small town last week, \"I can feel it happening.\"\n\nAnn Wu: \"The count starts now.\"\n\n\"Taxes are zero for some firms.\"\n\n- Sanders.",
        &[
            (
                "I can feel it happening.",
                "Tom Lee",
                "",
                "told",
                SpeakerFirst,
            ),
            ("The count starts now.", "Ann Wu", "", "", SpeakerFirst),
            (
                "Taxes are zero for some firms.",
                "Sanders",
                "",
                "",
                QuoteFirst,
            ),
        ],
    ),
    (
        "an English description stands for the name set beside it before",
        "Her father, Mark Cole, spoke to the police on Monday. \"I almost fainted,\" her father said. Australian pop star Dana Lee will sing at the gala. \"It is a dream,\" said the star.",
        &[
            ("I almost fainted,", "Mark Cole", "", "said", QuoteFirst),
            ("It is a dream,", "Dana Lee", "", "said", QuoteFirst),
        ],
    ),
    (
        "the name opening the sentence before is the antecedent of a pronoun",
        "\"We grieve for them all,\" President Paul Roy said. U.S. Secretary of State Jane Moss expressed her sympathy in Paris on Saturday. \"This is an act of cowardice,\" she said.",
        &[
            (
                "We grieve for them all,",
                "Paul Roy",
                "President",
                "said",
                QuoteFirst,
            ),
            (
                "This is an act of cowardice,",
                "Jane Moss",
                "",
                "said",
                QuoteFirst,
            ),
        ],
    ),
    (
        "a manner word set off by commas after the subject",
        "Senators kept asking her about the protests. Clinton, exasperated, famously responded: \"What difference does it make?\"",
        &[(
            "What difference does it make?",
            "Clinton",
            "",
            "responded",
            SpeakerFirst,
        )],
    ),
    (
        "`the paper` is the outlet named before",
        "The Guardian won its case on Monday. \"The disclosures will fuel concern,\" the paper said.",
        &[(
            "The disclosures will fuel concern,",
            "The Guardian",
            "",
            "said",
            QuoteFirst,
        )],
    ),
    (
        "an English series of quotations shares the speaker of its last one",
        "The fans cheered for an hour.\n\n\"We won!\" \"Best day ever,\" said fan Tom Lee.",
        &[
            ("We won!", "Tom Lee", "fan", "said", Series),
            ("Best day ever,", "Tom Lee", "fan", "said", QuoteFirst),
        ],
    ),
    (
        "a Chinese pronoun stands for the last subject of a cue, not someone named as an object",
        "林芳表示，社区得到了帮助，并感谢站长王建国的付出。她说：“我们一起渡过难关。”",
        &[("我们一起渡过难关。", "林芳", "", "说", SpeakerFirst)],
    ),
    (
        "a pronoun after someone newly named is theirs, not the last speaker's",
        "\"It flew off with the snake,\" Tom Reed said. Anna Berg, head of the bird trust, told the paper the photo was real. \"Hawks take what they can,\" she said.",
        &[
            (
                "It flew off with the snake,",
                "Tom Reed",
                "",
                "said",
                QuoteFirst,
            ),
            (
                "Hawks take what they can,",
                "Anna Berg",
                "",
                "said",
                QuoteFirst,
            ),
        ],
    ),
    (
        "quote first, plain",
        "“AI革命是云厂商的增量机会。”张勇表示。",
        &[("AI革命是云厂商的增量机会。", "张勇", "", "表示", QuoteFirst)],
    ),
    (
        "quote first, title and adverbials before the cue",
        "“三年内的目标,是收支平衡。”钉钉总裁叶军在此前接受访问时曾表示,接入AI后需求上升。",
        &[(
            "三年内的目标,是收支平衡。",
            "叶军",
            "钉钉总裁",
            "表示",
            QuoteFirst,
        )],
    ),
    (
        "anonymous speaker, the addressee is not the speaker",
        "“中国商人太精明了。”一位云计算硬件供应商对虎嗅表示,市场很难做。",
        &[(
            "中国商人太精明了。",
            "一位云计算硬件供应商",
            "",
            "表示",
            QuoteFirst,
        )],
    ),
    (
        "modifying clause before an anonymous speaker",
        "“未来还会有新的应用出现。”近期与虎嗅沟通过的多位AI应用开发者均表示,需求很大。",
        &[(
            "未来还会有新的应用出现。",
            "多位AI应用开发者",
            "",
            "表示",
            QuoteFirst,
        )],
    ),
    (
        "speaker first with an addressee, and quoted terms left out",
        "AI正在成为阿里云的“抓手”。一位项目经理告诉虎嗅,“用户自建云都是为了满足不同的需求。”",
        &[(
            "用户自建云都是为了满足不同的需求。",
            "一位项目经理",
            "",
            "告诉",
            SpeakerFirst,
        )],
    ),
    (
        "speaker first without punctuation, and 但…仍认为",
        "张勇再度重申“阿里巴巴的所有业务都值得用AI重新做一遍”。“云上支出依旧偏低。”虽然难了不少,但张勇仍认为,渗透率会提高。",
        &[
            (
                "阿里巴巴的所有业务都值得用AI重新做一遍",
                "张勇",
                "",
                "重申",
                SpeakerFirst,
            ),
            ("云上支出依旧偏低。", "张勇", "", "认为", QuoteFirst),
        ],
    ),
    (
        "standalone quotation, pronoun in the next paragraph",
        "“做垂直模型的,就不是大模型公司。”\n\n会上,创始人王立群明确了方向。他表示,未来只有两条路。",
        &[(
            "做垂直模型的,就不是大模型公司。",
            "王立群",
            "",
            "表示",
            Neighbour,
        )],
    ),
    (
        "cue glued to the name by jieba, speaker between two quotations",
        "“社区里面的交叉感染风险很高。”梁子超说。“冲击很大,我们正在想办法。”,赵钧陶说,“跨国公司也在调整。”",
        &[
            (
                "社区里面的交叉感染风险很高。",
                "梁子超",
                "",
                "说",
                QuoteFirst,
            ),
            ("冲击很大,我们正在想办法。", "赵钧陶", "", "说", QuoteFirst),
            ("跨国公司也在调整。", "赵钧陶", "", "说", SpeakerFirst),
        ],
    ),
    (
        "standalone quotation after its speaker's sentence; adverb glued to the verb",
        "巴赫说,他要向所有人表示感谢。“我相信我们能够渡过难关。”\n\n特朗普曾发推称:“汽油价格降低了。”",
        &[
            ("我相信我们能够渡过难关。", "巴赫", "", "说", Neighbour),
            ("汽油价格降低了。", "特朗普", "", "称", SpeakerFirst),
        ],
    ),
    (
        "names after a split title, a Latin name, a pronoun after an earlier mention",
        "俄卫生部长穆拉什科说,这是好事。他说,俄政府日前追加拨款,“早些时候,计划每月生产1000台。”\n\n世博会总干事ReemAlHashimy表示:“许多国家已受到影响。”\n\n“社区传播的风险仍在。”梁子超说。\n\n世卫组织随后回应了质疑。对于“临界点”,梁子超给出肯定的答案。“我觉得已经是生死存亡的问题。”他说。",
        &[
            (
                "早些时候,计划每月生产1000台。",
                "穆拉什科",
                "",
                "说",
                SpeakerFirst,
            ),
            (
                "许多国家已受到影响。",
                "ReemAlHashimy",
                "世博会总干事",
                "表示",
                SpeakerFirst,
            ),
            ("社区传播的风险仍在。", "梁子超", "", "说", QuoteFirst),
            (
                "我觉得已经是生死存亡的问题。",
                "梁子超",
                "",
                "说",
                QuoteFirst,
            ),
        ],
    ),
    (
        "an institution's name after a cue is not a quotation",
        "伊拉克专家30日对记者说,因伊拉克“中央公共卫生实验室”(中央实验室)出现技术故障,检测暂停。",
        &[],
    ),
    (
        "English: an unclosed quotation does not shift the later pairs; name of organisation",
        "\"It's a gloomy outlook, said David Wyss of Data Resources Inc. \"I'm impressed by the drop.\"\n\n\"People just aren't buying,\" said Bill Sullivan of Dean Witter.",
        &[
            (
                "I'm impressed by the drop.",
                "David Wyss",
                "Data Resources Inc",
                "said",
                Neighbour,
            ),
            (
                "People just aren't buying,",
                "Bill Sullivan",
                "Dean Witter",
                "said",
                QuoteFirst,
            ),
        ],
    ),
    (
        "English: hard-wrapped attribution with a long appositive before the cue",
        "In the sharpest criticism, board chairman John\nTower, a former senator from Texas, told a press conference, \"The president\nclearly did not understand the operation.\"",
        &[(
            "The president\nclearly did not understand the operation.",
            "John Tower",
            "a former senator from Texas",
            "told",
            SpeakerFirst,
        )],
    ),
    (
        "slogans, lists and defined names are not quotations; a dotted name after a title",
        "浙江对境外疫情实现“全员、全方位、全链条”精准防控。山西建投国际公司(下称“山西建投国合公司”)承建了医院。正如葡萄酒大师杰西丝·罗宾逊所称赞:“中国葡萄酒的未来在宁夏。”",
        &[(
            "中国葡萄酒的未来在宁夏。",
            "杰西丝·罗宾逊",
            "葡萄酒大师",
            "称赞",
            SpeakerFirst,
        )],
    ),
    (
        "English: an anonymous speaker with a relative clause, then `he added`",
        "\"OPEC has to learn that lesson,\" said the regional manager for one of the major oil companies who spoke on condition that he not be named. \"The market is teaching them again,\" he added.",
        &[
            (
                "OPEC has to learn that lesson,",
                "the regional manager",
                "",
                "said",
                QuoteFirst,
            ),
            (
                "The market is teaching them again,",
                "the regional manager",
                "",
                "added",
                QuoteFirst,
            ),
        ],
    ),
    (
        "short quotation with an attached cue; short terms inside a clause",
        "一名工作人员向记者表示,“已介入调查”。业内常说的“卡脖子”,如今不只是芯片。医疗系统或已达到“临界点”,呼吁市民做好防护。",
        &[("已介入调查", "一名工作人员", "", "表示", SpeakerFirst)],
    ),
    (
        "term running on into the clause",
        "“妙鸭相机”的爆火导致服务器压力攀升,火山引擎以“字节云”的身份登场。",
        &[],
    ),
    (
        "English: said NAME, role",
        "\"Demand is strong,\" said Jensen Huang, chief executive of Nvidia.",
        &[(
            "Demand is strong,",
            "Jensen Huang",
            "chief executive of Nvidia",
            "said",
            QuoteFirst,
        )],
    ),
    (
        "English: pronoun and speaker first",
        "Grace Liu, chief executive of Ridgeline, spoke first. \"We spent 2023 begging for chips,\" she said.\n\nLiu said: \"Power is the new silicon.\"",
        &[
            (
                "We spent 2023 begging for chips,",
                "Grace Liu",
                "",
                "said",
                QuoteFirst,
            ),
            ("Power is the new silicon.", "Liu", "", "said", SpeakerFirst),
        ],
    ),
    (
        "English: appositive and an anonymous spokesperson",
        "Tom Becker, senior vice president at Tidewater, told reporters, \"The grid is the bottleneck.\" \"We follow the grid,\" said a spokesperson for Tidewater.",
        &[
            (
                "The grid is the bottleneck.",
                "Tom Becker",
                "senior vice president at Tidewater",
                "told",
                SpeakerFirst,
            ),
            (
                "We follow the grid,",
                "a spokesperson",
                "",
                "said",
                QuoteFirst,
            ),
        ],
    ),
    (
        "English: scare quotes are not quotations",
        "Analysts call it the \"AI tax,\" and the product is nicknamed \"Project Blue\" internally.",
        &[],
    ),
];

#[test]
fn quotation_table() {
    let analyzer = Analyzer::with_defaults().unwrap();
    let ingester = Ingester::new(IngestConfig::default());
    for (name, text, expected) in CASES {
        let doc = ingester
            .document_from_text(
                "t".into(),
                Origin::file("t"),
                "UTF-8",
                text.to_string(),
                InputFormat::Text,
            )
            .unwrap();
        let analysis = analyzer.analyze_without_keywords(&doc);
        let got: Vec<_> = super::extract(&doc, &analysis)
            .into_iter()
            .map(|q| {
                assert_eq!(q.span.slice(&doc.text), q.text, "{name}: offsets");
                (q.text, q.speaker, q.role, q.cue, q.attribution)
            })
            .collect();
        let want: Vec<_> = expected
            .iter()
            .map(|(t, s, r, c, a)| {
                (
                    t.to_string(),
                    s.to_string(),
                    r.to_string(),
                    c.to_string(),
                    *a,
                )
            })
            .collect();
        assert_eq!(got, want, "case: {name}");
    }
}
