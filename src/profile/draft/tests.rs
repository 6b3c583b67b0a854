//! The drafter's patterns, as a table of sentences and the rules they yield (the same table is in
//! `docs/profiles.md`), and drafts of whole notices that must pass `profile check`.

use super::*;
use crate::profile::{notice, Registry};

fn builtins() -> Vec<Profile> {
    Registry::builtin().unwrap().all().to_vec()
}

/// A notice of a title and some sentences.
fn notice_of(body: &str) -> String {
    format!("关于开展2022年“最美科技工作者”推荐工作的通知\n各有关单位：\n{body}\n某市科学技术协会\n2022年4月1日\n")
}

fn drafted(body: &str) -> Draft {
    draft(&notice_of(body), &builtins())
}

/// A draft must pass our own check: valid, every quote verbatim in the notice.
fn assert_checks(d: &Draft) {
    let text = to_toml(d);
    let p = crate::profile::parse(&text, "draft.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let n = NoticeText::parse(&d.notice_file);
    let problems = notice::audit(&p, &n, None);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn numbers_as_notices_write_them() {
    for (s, n) in [
        ("1", 1),
        ("12", 12),
        ("３", 3),
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十二", 32),
    ] {
        assert_eq!(number(s), Some(n), "{s}");
    }
    assert_eq!(number("若干"), None);
}

#[test]
fn quota_sentences() {
    let q = |body: &str| drafted(body).profile.quota;
    let r = q("各推荐单位推荐“最美科技工作者”人选1—2名。");
    assert_eq!((r.min, r.max), (1, Some(2)));
    let r = q("每个单位限推荐1名。");
    assert_eq!((r.min, r.max), (1, Some(1)));
    let r = q("每个学会党组织推荐人数不超过2名。");
    assert_eq!((r.min, r.max), (1, Some(2)));
    assert_eq!(
        r.min_clause.as_ref().map(Clause::authority),
        Some(Authority::Advice),
        "a maximum says no minimum"
    );
    let r = q("各单位推荐候选人1名。个人申报需经单位盖章同意。");
    assert_eq!((r.min, r.max), (1, Some(1)));
    let r = q("每个县区推荐人选两至三名。");
    assert_eq!((r.min, r.max), (2, Some(3)));
    // Numbers that are not a unit's quota: the organiser's own picks.
    let r = q("市委宣传部、市科协命名15名“最美科技工作者”，择优推荐8名。");
    assert_eq!(r.max, None);
}

#[test]
fn deadline_sentences() {
    let d = |body: &str| drafted(body).profile.deadline.unwrap();
    let x = d("各推荐单位务必于6月2日前将推荐材料报送至市科协宣传部，过期不候。");
    assert_eq!((x.date.as_str(), x.before, x.strict), ("2022-06-02", true, true));
    let x = d("请各单位于5月1日前将以上有关纸质材料和电子版报市科协组宣部。逾期不再受理。");
    assert_eq!((x.date.as_str(), x.strict), ("2022-05-01", true));
    let x = d("请于2022年5月20日（星期五）17:00前将推荐材料报送至省科协，逾期视为自动放弃。");
    assert_eq!((x.date.as_str(), x.before, x.strict), ("2022-05-20", true, true));
    let x = d("推荐材料请于6月10日前报送学会。");
    assert!(!x.strict);
    // Dates that are not the deadline: an example of writing dates, a publication date.
    assert!(drafted("推荐表中所涉及日期统一用阿拉伯数字，如2021年01月01日。").profile.deadline.is_none());
}

#[test]
fn word_limit_sentences() {
    let d = drafted("8．主要事迹1500字左右，感人故事1000字以内，内容应客观真实。");
    let f = |id: &str| d.profile.candidate_field(id).and_then(|f| f.words.clone()).unwrap();
    assert_eq!((f("main_deeds").target, f("main_deeds").max), (Some(1500), None));
    assert_eq!(f("stories").max, Some(1000));
    let d = drafted("（2）3000字以内主要事迹文字材料（突出故事性）；");
    assert_eq!(d.profile.candidate_field("main_deeds").unwrap().words.as_ref().unwrap().max, Some(3000));
    let d = drafted("主要事迹不超过2000字。");
    assert_eq!(d.profile.candidate_field("main_deeds").unwrap().words.as_ref().unwrap().max, Some(2000));
    // A limit we cannot place is listed, not guessed.
    let d = drafted("个人简介控制在500字以内。");
    assert!(d.undecided.iter().any(|u| u.contains("500字以内")), "{:?}", d.undecided);
}

#[test]
fn photo_sentences() {
    let d = drafted("5.推荐人选小2寸正面免冠红底彩色照片1张、体现先进事迹的生活或工作照片3—5张。照片均为电子版，请提供jpg格式，不小于2MB，用姓名+序号作为照片名。");
    let id = d.profile.candidate_slot("id_photo").unwrap();
    let photo = d.profile.candidate_slot("photo").unwrap();
    assert_eq!((id.count.min, id.count.max), (1, Some(1)));
    let idp = id.id_photo.as_ref().unwrap();
    assert_eq!(idp.background, Some(Background::Red));
    assert_eq!(idp.size.as_ref().map(|s| (s.width_mm, s.height_mm)), Some((33.0, 48.0)));
    assert_eq!((photo.count.min, photo.count.max), (3, Some(5)));
    assert_eq!(photo.formats, vec![MediaFormat::Jpeg]);
    assert_eq!(photo.min_bytes, Some(2 * 1_048_576));
    assert_eq!(photo.naming.as_deref(), Some("{姓名}{序号}"));
    assert_checks(&d);

    let d = drafted("（3）本人近期工作照原图3张、白底标准证件照原图1张（报电子版即可）；");
    assert_eq!(
        d.profile.candidate_slot("id_photo").unwrap().id_photo.as_ref().unwrap().background,
        Some(Background::White)
    );
    assert_eq!(d.profile.candidate_slot("photo").unwrap().count.max, Some(3));

    let d = drafted("（2）提供3张反映工作情景的单人照（分辨率为300dpi，大小1M以上）；");
    let p = d.profile.candidate_slot("photo").unwrap();
    assert_eq!((p.count.min, p.min_dpi, p.min_bytes), (3, Some(300), Some(1_048_576)));

    let d = drafted("近期2寸免冠正面蓝底证件照1张，生活照或工作照2至4张（jpg格式，每张不小于1MB）。");
    let idp = d.profile.candidate_slot("id_photo").unwrap().id_photo.clone().unwrap();
    assert_eq!((idp.background, idp.size.map(|s| s.name)), (Some(Background::Blue), Some("2寸".into())));
    let p = d.profile.candidate_slot("photo").unwrap();
    assert_eq!((p.count.min, p.count.max, p.min_bytes), (2, Some(4), Some(1_048_576)));
}

#[test]
fn video_sentences() {
    let d = drafted("体现推荐人选工作生活的视频（MP4或MOV格式，数量不限），要求单个时长在3分钟以内，横屏竖屏拍摄均可，分辨率为横版1920*1080或竖版1080*1920。");
    let v = d.profile.candidate_slot("video").unwrap();
    assert_eq!(v.formats, vec![MediaFormat::Mp4, MediaFormat::Mov]);
    let r = v.video.as_ref().unwrap();
    assert_eq!((r.min_seconds, r.max_seconds, r.resolutions.len()), (None, Some(180), 2));
    let d = drafted("有条件的可拍摄3—5分钟的音像短片（高清摄像机固定机位拍摄，输出格式为高清格式1080p）。");
    let r = d.profile.candidate_slot("video").unwrap().video.clone().unwrap();
    assert_eq!((r.min_seconds, r.max_seconds), (Some(180), Some(300)));
    assert!(r.resolutions.contains(&Pixels { width: 1920, height: 1080 }));
    let d = drafted("视频时长5—15分钟，配音须为普通话，格式为mp4数据文件，分辨率不低于1920×1080P。");
    let v = d.profile.candidate_slot("video").unwrap();
    assert_eq!(v.formats, vec![MediaFormat::Mp4]);
    assert_eq!(v.video.as_ref().unwrap().min_resolution, Some(Pixels { width: 1920, height: 1080 }));
    assert_eq!(v.count.min, 0, "a video is never made compulsory by the drafter");
}

#[test]
fn document_and_form_sentences() {
    let d = drafted("1.《推荐工作情况报告》电子版pdf和纸质版各1份，须加盖推荐单位公章（内容包括民主推荐程序、公示情况等）；\n2.《2022年“最美科技工作者”推荐表》电子版Word和pdf（签注意见并盖章后）各1份，纸质版3份（其中2份封面“推荐单位”和表格内“推荐单位意见”栏留白，不填写内容、不加盖公章）；\n4.被推荐人所在地公安机关（派出所）出具的《无违法犯罪证明》电子版（pdf格式）和纸质版各1份；");
    let report = d.profile.unit_slot("work_report").unwrap();
    assert_eq!((report.formats.clone(), report.sealed), (vec![MediaFormat::Pdf], true));
    assert!(
        d.profile.unit_slot("publicity").is_none(),
        "公示情况 inside the report is not a material of its own"
    );
    assert!(d.profile.candidate_slot("no_crime_certificate").is_some());
    let form = d.profile.deliverables.iter().find(|x| x.id == "recommendation_form").unwrap();
    assert_eq!((form.paper_copies, form.blank_copies, form.scan_after_seal), (3, 2, true));
    assert_eq!(form.formats, vec![MediaFormat::Docx, MediaFormat::Pdf]);
    assert_eq!(d.profile.candidate_form.title, "2022年“最美科技工作者”推荐表");
    assert_checks(&d);
}

#[test]
fn delivery_and_required_sentences() {
    let d = drafted("6. 电子版材料报送邮箱：kxzuxuanbu@163.com；纸质版报送地址：某市某区兴泰商务广场T6-1516室，邮政编码：017200，电话：0477-8581185。\n（3）推荐表中所有内容均为必填项，语言表述要严谨、准确。");
    let v = &d.profile.delivery;
    assert_eq!(v.emails, vec!["kxzuxuanbu@163.com".to_string()]);
    assert_eq!(v.postcode.as_deref(), Some("017200"));
    assert_eq!(v.phone.as_deref(), Some("0477-8581185"));
    assert!(v.channels.contains(&Channel::Email) && v.channels.contains(&Channel::Paper));
    // 所有内容均为必填项: every field of the form cites it and is required.
    let f = d.profile.candidate_field("native_place").unwrap();
    assert_eq!(f.clause.as_ref().map(Clause::authority), Some(Authority::Notice));
    assert_checks(&d);
}

/// Fields of the borrowed form that the notice does not speak of are advice: a draft never blocks
/// a packet on another notice's rules.
#[test]
fn borrowed_cells_are_advice() {
    let d = drafted("各单位推荐1名。");
    for f in d.profile.candidate_form.fields.iter().filter(|f| f.required) {
        assert_eq!(f.clause.as_ref().map(Clause::authority), Some(Authority::Advice), "{}", f.id);
    }
    assert!(d.profile.candidate_form.layout.as_ref().is_none_or(|l| l.instructions.is_empty()));
    assert_checks(&d);
}

/// The five seeds: each draft passes `profile check` and finds what a person finds by hand.
#[test]
fn the_five_notices_draft_cleanly() {
    let b = builtins();
    for p in &b {
        let n = NoticeText::builtin(&p.id).unwrap();
        let d = draft(&n.body, &b);
        assert_checks(&d);
        let q = &d.profile.quota;
        let dl = d.profile.deadline.as_ref().map(|x| (x.date.as_str(), x.strict));
        let slot = |id: &str| d.profile.candidate_slot(id);
        match p.id.as_str() {
            "ordos-2021-zuimei" => {
                assert_eq!((q.min, q.max), (1, Some(2)));
                assert_eq!(dl, Some(("2021-06-02", true)));
                assert_eq!(
                    slot("photo").map(|s| (s.count.min, s.count.max, s.min_bytes)),
                    Some((3, Some(5), Some(2_097_152)))
                );
                assert_eq!(
                    slot("video").and_then(|s| s.video.as_ref()).and_then(|v| v.max_seconds),
                    Some(180)
                );
                assert!(
                    d.profile.unit_slot("work_report").is_some() && slot("no_crime_certificate").is_some()
                );
                assert!(d.profile.summary.is_some());
                // The 文号 cited inside a sentence is the upstream notice's, not this one's.
                assert_eq!(d.profile.notice.number, None);
                assert!(
                    !d.profile.delivery.channels.contains(&Channel::Platform),
                    "运用媒体平台 is no upload platform"
                );
            }
            "hengshui-2019-zuimei" => {
                assert_eq!(dl, Some(("2019-05-01", true)));
                assert_eq!(
                    d.profile
                        .candidate_field("main_deeds")
                        .and_then(|f| f.words.as_ref())
                        .and_then(|w| w.max),
                    Some(3000)
                );
                assert_eq!(slot("photo").map(|s| s.count.min), Some(3));
                let form = d.profile.deliverables.iter().find(|x| x.id == "recommendation_form").unwrap();
                assert_eq!(form.paper_copies, 3);
            }
            "cast-2018-party-member" => {
                assert_eq!(q.max, Some(2));
                assert_eq!(dl, Some(("2018-05-01", false)));
                assert_eq!(slot("photo").map(|s| (s.count.min, s.min_dpi)), Some((3, Some(300))));
                assert!(d.profile.unit_slot("meeting_minutes").is_some());
            }
            "cis-2021-zuimei" => {
                assert_eq!((q.min, q.max), (1, Some(1)));
                assert_eq!(dl, Some(("2021-06-10", false)));
                assert_eq!(slot("photo").map(|s| (s.count.min, s.count.max)), Some((3, Some(5))));
            }
            "cas-2018-yisuo-yiren-yishi" => {
                assert!(dl.is_none(), "常态化征集 has no deadline");
                let v = slot("video").and_then(|s| s.video.clone()).unwrap();
                assert_eq!((v.min_seconds, v.max_seconds), (Some(300), Some(900)));
            }
            other => panic!("unknown built-in {other}"),
        }
    }
}

/// A notice in other words, as another city writes it (not one of the five).
#[test]
fn a_notice_in_other_words() {
    let text = "关于推荐2023年度“最美科技工作者”候选人的通知\n\
        某科协发〔2023〕12号\n\
        各县（市、区）科协，市直有关单位：\n\
        一、推荐名额\n每个单位限推荐1名。\n\
        二、材料要求\n\
        （一）《2023年度“最美科技工作者”推荐表》一式三份，须加盖推荐单位公章；\n\
        （二）先进事迹材料，字数控制在2000字以内；\n\
        （三）近期2寸免冠正面蓝底证件照1张，生活照或工作照2至4张（jpg格式，每张不小于1MB）；\n\
        （四）个人风采短视频1部，时长不超过2分钟，MP4格式。\n\
        三、报送时间\n请于2023年5月20日（星期五）17:00前将电子版发送至 kx2023@example.cn，纸质材料报送至市科协学会部，逾期视为自动放弃。\n\
        联系人：张三  联系电话：0311-1234567\n\
        某市科学技术协会\n2023年4月10日\n";
    let d = draft(text, &builtins());
    assert_checks(&d);
    let p = &d.profile;
    assert_eq!(p.notice.number.as_deref(), Some("某科协发〔2023〕12号"));
    assert_eq!(p.notice.issued.as_deref(), Some("2023-04-10"));
    assert_eq!((p.quota.min, p.quota.max), (1, Some(1)));
    let dl = p.deadline.as_ref().unwrap();
    assert_eq!((dl.date.as_str(), dl.before, dl.strict), ("2023-05-20", true, true));
    assert_eq!(
        p.candidate_field("main_deeds").and_then(|f| f.words.as_ref()).and_then(|w| w.max),
        Some(2000)
    );
    let id = p.candidate_slot("id_photo").unwrap().id_photo.clone().unwrap();
    assert_eq!(id.background, Some(Background::Blue));
    let photo = p.candidate_slot("photo").unwrap();
    assert_eq!((photo.count.min, photo.count.max, photo.min_bytes), (2, Some(4), Some(1_048_576)));
    let v = p.candidate_slot("video").unwrap();
    assert_eq!(
        (v.formats.clone(), v.video.as_ref().and_then(|r| r.max_seconds)),
        (vec![MediaFormat::Mp4], Some(120))
    );
    let form = p.deliverables.iter().find(|x| x.id == "recommendation_form").unwrap();
    assert_eq!((form.paper_copies, form.sealed), (3, true));
    assert_eq!(p.delivery.emails, vec!["kx2023@example.cn".to_string()]);
    // Every rule found quotes a sentence of the notice.
    for f in &d.found {
        assert!(find_quote(text, &f.sentence).is_ok(), "{f:?}");
    }
}

/// Any text — pieces of real notices shuffled with numbers, dashes, units and noise — drafts into a
/// profile that passes `profile check`, without a panic.
mod any_text {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "各推荐单位推荐人选",
        "每个单位限推荐",
        "不超过",
        "名",
        "1—2",
        "两至三",
        "十五",
        "命名",
        "月",
        "日前",
        "将推荐材料报送至市科协",
        "过期不候",
        "逾期不再受理",
        "2023年",
        "（星期五）",
        "主要事迹",
        "感人故事",
        "字左右",
        "字以内",
        "不少于",
        "3000",
        "1500",
        "至",
        "小2寸",
        "红底",
        "白底",
        "蓝底",
        "证件照",
        "照片",
        "张",
        "3—5",
        "jpg格式",
        "不小于2MB",
        "1M以上",
        "300dpi",
        "姓名+序号",
        "视频",
        "MP4或MOV",
        "分钟",
        "1920*1080",
        "1080p",
        "不低于",
        "《推荐工作情况报告》",
        "无违法犯罪证明",
        "会议纪要",
        "电子版Word和pdf",
        "纸质版3份",
        "其中2份",
        "留白",
        "盖章后",
        "邮箱：a@b.cn",
        "地址：某路1号",
        "邮政编码：017200",
        "电话：0477-1234567",
        "联系人：张三",
        "所有内容均为必填项",
        "汇总表",
        "形式不限",
        "。",
        "；",
        "，",
        "、",
        "\n",
        "一、",
        "（二）",
        "3.",
        "附件1\n",
        "    ",
        "\u{3000}",
        "“",
        "”",
        "x",
        "é",
        "🙂",
        "\u{0}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_notice_drafts_into_a_checked_profile(picks in proptest::collection::vec(0..PIECES.len(), 0..120)) {
            let text: String = picks.iter().map(|i| PIECES[*i]).collect();
            let d = draft(&text, &builtins());
            assert_checks(&d);
        }
    }
}
