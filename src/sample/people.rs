//! Fictional people and units for samples. Every name, number and address here is invented; phone
//! numbers and e-mail addresses use reserved or example ranges where such exist.

/// A history row: from (year, month), to (year, month) or none for 至今, what.
pub(super) type HistoryRow = (i32, u8, Option<(i32, u8)>, &'static str);

/// A fictional candidate.
pub(super) struct Persona {
    pub values: &'static [(&'static str, &'static str)],
    pub domains: &'static [&'static str],
    pub birth: (i32, u8, u8),
    pub history: &'static [HistoryRow],
    /// Sentences for long texts; `{name}` is replaced by the name.
    pub deeds: &'static [&'static str],
    pub stories: &'static [&'static str],
}

pub(super) const PERSONAS: [Persona; 2] = [
    Persona {
        values: &[
            ("name", "王海涛"),
            ("gender", "男"),
            ("ethnicity", "汉族"),
            ("native_place", "内蒙古自治区鄂尔多斯市达拉特旗"),
            ("political_status", "中共党员"),
            ("education", "博士研究生"),
            ("degree", "博士"),
            ("school", "中国矿业大学"),
            ("major", "矿物加工工程"),
            ("employer", "鄂尔多斯市煤炭清洁利用研究院"),
            ("employer_position", "鄂尔多斯市煤炭清洁利用研究院煤化工研究所所长"),
            ("position", "煤化工研究所所长"),
            ("tech_title", "研究员级高级工程师"),
            ("office_phone", "0477-8321456"),
            ("mobile", "13904771234"),
            ("email", "wang.haitao@example.com"),
            ("address", "内蒙古自治区鄂尔多斯市康巴什区科技路18号"),
            ("postcode", "017010"),
            ("specialty", "煤化工工艺与节能减排"),
            ("recommendation_phrase", "扎根煤海的清洁能源守护者"),
            ("essay_title", "把论文写在鄂尔多斯的大地上"),
            ("type", "优秀个人"),
            ("remarks", "无"),
        ],
        domains: &["面向经济主战场", "面向国家重大需求"],
        birth: (1978, 5, 12),
        history: &[
            (2000, 9, Some((2003, 6)), "中国矿业大学化工学院攻读硕士学位"),
            (2003, 9, Some((2006, 6)), "中国矿业大学化工学院攻读博士学位"),
            (2006, 7, Some((2012, 12)), "鄂尔多斯市煤炭清洁利用研究院工程师、高级工程师"),
            (2013, 1, None, "鄂尔多斯市煤炭清洁利用研究院煤化工研究所所长，兼任市科普讲师团成员"),
        ],
        deeds: &[
            "{name}同志长期从事煤炭清洁高效利用研究，带领团队攻克低阶煤分级转化关键技术。",
            "他主持研发的煤焦油加氢成套工艺在三家企业投入运行，年减排二氧化碳约四十万吨。",
            "面对国外技术封锁，他带领青年技术人员在现场一住就是半年，反复试验上百次，终于让核心装置实现国产化。",
            "他先后主持国家和自治区科研项目12项，获授权发明专利23项，制定行业标准3项。",
            "他坚持把论文写在大地上，每年深入企业一线超过150天，帮助企业解决技术难题40余项。",
            "在他的推动下，研究院与高校共建联合实验室，培养硕士、博士研究生30余名。",
            "他热心科普，先后走进中小学和社区开展讲座80余场，受众超过两万人次。",
            "他主编的科普读物《煤的一生》深受青少年喜爱，被评为优秀科普作品。",
            "疫情期间，他带领团队远程指导企业复工复产，保障了冬季供热用煤的稳定供应。",
            "他淡泊名利，多次把个人奖金捐给家乡的中学，设立“追梦”奖学金。",
            "同事们说，他办公室的灯总是最后一个熄灭。",
            "他常说：“科技工作者的价值，要在服务国家和人民中体现。”",
            "他所在的研究所先后被评为自治区工人先锋号和市级优秀创新团队。",
            "他把实验室搬到了矿区，和一线工人同吃同住，记下了厚厚十二本现场笔记。",
        ],
        stories: &[
            "故事一：零下三十度的夜晚。2015年冬天，示范装置试车遇到堵塞，{name}带着两名技术员在零下三十度的夜里守了整整一夜。",
            "他们一段一段拆开管道查找原因，手指冻得失去知觉，就揣进怀里暖一暖再干。",
            "天亮时分，问题终于找到，装置顺利投料，在场的工人自发鼓起了掌。",
            "故事二：一封来自学生的信。一位受资助的学生考上大学后给他写信说，想成为像他一样的人。",
            "{name}把这封信压在办公桌的玻璃板下，他说这是他收到的最珍贵的奖励。",
        ],
    },
    Persona {
        values: &[
            ("name", "其其格"),
            ("gender", "女"),
            ("ethnicity", "蒙古族"),
            ("native_place", "内蒙古自治区鄂尔多斯市乌审旗"),
            ("political_status", "中共党员"),
            ("education", "硕士研究生"),
            ("degree", "硕士"),
            ("school", "内蒙古农业大学"),
            ("major", "草业科学"),
            ("employer", "鄂尔多斯市农牧业科学研究所"),
            ("employer_position", "鄂尔多斯市农牧业科学研究所草原生态研究室主任"),
            ("position", "草原生态研究室主任"),
            ("tech_title", "副研究员"),
            ("office_phone", "0477-8567890"),
            ("mobile", "15047712345"),
            ("email", "qiqige@example.com"),
            ("address", "内蒙古自治区鄂尔多斯市东胜区天骄北路6号"),
            ("postcode", "017000"),
            ("specialty", "草原生态修复"),
            ("recommendation_phrase", "沙地里的“绿色使者”"),
            ("essay_title", "让毛乌素沙地披上绿装"),
            ("type", "优秀个人"),
            ("remarks", "无"),
        ],
        domains: &["面向人民生命健康", "社会服务"],
        birth: (1986, 11, 3),
        history: &[
            (2008, 9, Some((2011, 6)), "内蒙古农业大学草原与资源环境学院攻读硕士学位"),
            (2011, 7, Some((2017, 8)), "鄂尔多斯市农牧业科学研究所研究实习员、助理研究员"),
            (2017, 9, None, "鄂尔多斯市农牧业科学研究所草原生态研究室主任"),
        ],
        deeds: &[
            "{name}同志扎根毛乌素沙地十余年，致力于退化草原生态修复技术研究与推广。",
            "她筛选出适合沙地种植的乡土草种8个，建立示范基地5处，累计修复退化草原3.2万亩。",
            "她创新推广“草灌结合、以草定畜”模式，带动周边牧民户均年增收一万余元。",
            "她每年有一半以上时间在野外，走遍了全市的主要牧区。",
            "她主持自治区科技项目5项，发表论文20余篇，获授权实用新型专利6项。",
            "她用蒙汉双语为牧民编写技术手册，举办培训班60余期，培训农牧民三千余人次。",
            "她牵头组建的青年科技志愿服务队，常年为基层提供技术咨询。",
            "她说：“草原绿了，牧民富了，就是我最大的心愿。”",
        ],
        stories: &[
            "故事一：沙尘暴中的坚守。一次野外调查途中突遇沙尘暴，{name}用身体护住刚采集的样品，自己的脸被沙石打得生疼。",
            "回到驻地，她顾不上休息，连夜把样品分类登记，一份也没有丢。",
            "故事二：牧民家的“女儿”。她帮助的一户牧民家，如今草场变绿、牛羊满圈，老阿妈逢人便说她是自家的女儿。",
        ],
    },
];

/// A fictional recommending unit and its contact.
pub(super) const UNIT_VALUES: &[(&str, &str)] = &[
    ("contact_name", "刘敏"),
    ("contact_mobile", "13804775678"),
    ("contact_phone", "0477-8123456"),
    ("contact_email", "office@example.org"),
    ("address", "内蒙古自治区鄂尔多斯市康巴什区文化西路2号"),
];

/// Unit names that suit each kind of campaign.
pub(super) fn unit_name(profile_id: &str) -> &'static str {
    match profile_id {
        id if id.starts_with("cast-") => "中国示例仪器学会",
        id if id.starts_with("cis-") => "示例精密仪器研究所",
        id if id.starts_with("cas-") => "中国科学院示例生态研究所",
        id if id.starts_with("hengshui-") => "衡水市示例农业科学学会",
        _ => "鄂尔多斯市示例能源学会",
    }
}
