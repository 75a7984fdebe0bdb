//! Sample B: 某市清河区2023年政府信息公开工作年度报告, a made-up report in the 2021 format
//! whose hard 勾稽关系 rules (spec `cn-annual-report.md` §4) all hold; `report` refuses to
//! build it otherwise.

use super::tables::{t2_2021, t3, t4, T2v2021, T3Format};
use super::{Item, Props, Report};

/// Table 3 body rows (2021: 一, 二, 21 result rows, （七）总计, 四); columns 自然人, 商业企业,
/// 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const T3: [[u32; 7]; 25] = [
    [42, 6, 0, 1, 2, 1, 52], // 一、本年新收
    [3, 1, 0, 0, 0, 0, 4],   // 二、上年结转
    [18, 3, 0, 1, 1, 0, 23], // （一）予以公开
    [5, 1, 0, 0, 0, 0, 6],   // （二）部分公开
    [0, 0, 0, 0, 0, 0, 0],   // （三）1 国家秘密
    [1, 0, 0, 0, 0, 0, 1],   // 2 其他法律行政法规禁止公开
    [0, 0, 0, 0, 0, 0, 0],   // 3 三安全一稳定
    [2, 1, 0, 0, 0, 0, 3],   // 4 第三方合法权益
    [1, 0, 0, 0, 0, 0, 1],   // 5 三类内部事务
    [2, 0, 0, 0, 0, 0, 2],   // 6 四类过程性信息
    [0, 0, 0, 0, 0, 0, 0],   // 7 行政执法案卷
    [1, 0, 0, 0, 0, 0, 1],   // 8 行政查询事项
    [8, 1, 0, 0, 1, 0, 10],  // （四）1 本机关不掌握
    [2, 0, 0, 0, 0, 0, 2],   // 2 另行制作
    [1, 0, 0, 0, 0, 0, 1],   // 3 补正后仍不明确
    [1, 0, 0, 0, 0, 0, 1],   // （五）1 信访举报投诉
    [0, 0, 0, 0, 0, 0, 0],   // 2 重复申请
    [0, 0, 0, 0, 0, 0, 0],   // 3 公开出版物
    [0, 0, 0, 0, 0, 0, 0],   // 4 大量反复申请
    [0, 0, 0, 0, 0, 0, 0],   // 5 确认或重新出具
    [1, 0, 0, 0, 0, 0, 1],   // （六）1 逾期不补正
    [0, 0, 0, 0, 0, 0, 0],   // 2 逾期未缴费
    [0, 0, 0, 0, 0, 1, 1],   // 3 其他
    [43, 6, 0, 1, 2, 1, 53], // （七）总计
    [2, 1, 0, 0, 0, 0, 3],   // 四、结转下年度
];

/// Table 4: 复议 (维持, 纠正, 其他, 尚未审结, 总计), 直接起诉 (same), 复议后起诉 (same).
const T4: [u32; 15] = [2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0];

/// T3.balance, T3.results_sum, T3.row_total and T4.block_total; the names of the failures.
fn rule_failures() -> Vec<String> {
    let mut fails = Vec::new();
    let (total, forward) = (T3[23], T3[24]);
    for col in 0..7 {
        if T3[0][col] + T3[1][col] != total[col] + forward[col] {
            fails.push(format!("T3.balance col {col}"));
        }
        let sum: u32 = T3[2..23].iter().map(|r| r[col]).sum();
        if sum != total[col] {
            fails.push(format!("T3.results_sum col {col}"));
        }
    }
    for (i, row) in T3.iter().enumerate() {
        if row[..6].iter().sum::<u32>() != row[6] {
            fails.push(format!("T3.row_total row {i}"));
        }
    }
    for b in 0..3 {
        let v = &T4[b * 5..b * 5 + 5];
        if v[..4].iter().sum::<u32>() != v[4] {
            fails.push(format!("T4.block_total block {b}"));
        }
    }
    fails
}

/// Body text under the level-2 headings of 一、总体情况.
const OVERVIEW: [(&str, &str); 5] = [
    ("（一）主动公开", "全年通过区政府门户网站主动公开政府信息5216条，发布政策文件5件、政策解读12篇，召开新闻发布会6场。围绕财政预决算、重大建设项目、公共资源配置、社会救助等重点领域，及时准确发布信息。"),
    ("（二）依申请公开", "全年新收政府信息公开申请52件，上年结转4件；办结53件，其中予以公开23件、部分公开6件，结转下年度继续办理3件。所有申请均在法定期限内答复。"),
    ("（三）政府信息管理", "严格落实公开属性源头认定和保密审查制度，全年清理行政规范性文件2件，现行有效行政规范性文件37件，全部在政府门户网站集中公开。"),
    ("（四）平台建设", "优化区政府门户网站政府信息公开专栏，统一栏目设置；规范政务新媒体管理，全区正常运行政务新媒体41个。"),
    ("（五）监督保障", "将政务公开纳入年度绩效考核，组织业务培训4场次、培训160余人次；本年度因政府信息公开被申请行政复议4件、提起行政诉讼2件。"),
];

/// The report: one title line, a preamble, level-1 and level-2 headings, the three tables in
/// the 2021 layout; `_GoBack` opens the last paragraph (where Word last edited).
pub fn report() -> Result<Report, String> {
    let fails = rule_failures();
    if !fails.is_empty() {
        return Err(format!("qinghe: 勾稽关系 broken: {}", fails.join(", ")));
    }
    let t3_text: Vec<[String; 7]> = T3.iter().map(|r| r.map(|v| v.to_string())).collect();
    let t3_refs: Vec<[&str; 7]> = t3_text
        .iter()
        .map(|r| r.each_ref().map(String::as_str))
        .collect();
    let t4_text = T4.map(|v| v.to_string());
    let mut items = vec![
        Item::Title("某市清河区2023年政府信息公开工作年度报告"),
        Item::Empty,
        Item::body("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与某市清河区人民政府办公室联系（电话：0000-1234567）。"),
        Item::Heading(1, "一、总体情况"),
        Item::body("2023年，清河区坚持以公开为常态、不公开为例外，围绕区委、区政府中心工作，持续深化政务公开，不断提升政府工作透明度。"),
    ];
    for (head, text) in OVERVIEW {
        items.push(Item::Heading(2, head));
        items.push(Item::body(text));
    }
    items.push(Item::Heading(1, "二、主动公开政府信息情况"));
    items.push(Item::Table(t2_2021(&T2v2021 {
        art20_1: [["0", "0", "0"], ["5", "2", "37"]],
        license: "1846",
        art20_6: ["612", "35"],
        fees: "286.53",
    })));
    items.push(Item::Heading(1, "三、收到和处理政府信息公开申请情况"));
    items.push(Item::Table(t3(T3Format::V2021, &t3_refs)?));
    items.push(Item::Heading(1, "四、政府信息公开行政复议、行政诉讼情况"));
    items.push(Item::Table(t4(&t4_text.each_ref().map(String::as_str))));
    items.push(Item::Heading(1, "五、存在的主要问题及改进情况"));
    items.push(Item::body("一是部分单位政策解读形式较单一，图解、视频解读偏少；二是基层政务公开标准化规范化水平有待提高。2024年，我区将丰富解读形式，加强对乡镇（街道）的业务指导和培训，推动政务公开提质增效。"));
    items.push(Item::Heading(1, "六、其他需要报告的事项"));
    items.push(Item::Body {
        text: "本年度未收取信息处理费。",
        go_back: true,
        bold: false,
    });
    Ok(Report {
        stem: "qinghe_2023_annual_report",
        props: Props {
            title: "某市清河区2023年政府信息公开工作年度报告",
            subject: "政府信息公开工作年度报告",
            author: "清河区人民政府办公室",
            created: "2024-01-15T01:20:00Z",
            modified: "2024-01-26T07:45:00Z",
        },
        items,
    })
}
