//! The three standard tables of the annual report as explicit grids: every merged region is
//! written down as an anchor (top-left row/col, row/col span, text), exactly as
//! `shared/spec/cn-annual-report-templates.json` lists them. The .docx rows (one `w:tc` per
//! region per row, vMerge restart/continue) are derived from these anchors; the expected JSON
//! cells are the anchors themselves.

/// A merged region (or a single cell) of a table grid.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// Top grid row.
    pub r: usize,
    /// Left grid column.
    pub c: usize,
    /// Rows covered.
    pub rs: usize,
    /// Columns covered.
    pub cs: usize,
    /// The cell's paragraphs; a `\n` inside one is a line break (`w:br`).
    pub paras: Vec<String>,
}

/// A table: column widths (dxa), row count, the header rows a reader should report, the anchors.
#[derive(Debug, Clone)]
pub struct Grid {
    /// `w:gridCol` widths in twentieths of a point.
    pub widths: Vec<usize>,
    /// Grid rows.
    pub rows: usize,
    /// Header rows by the contract's rule: no row is marked `w:tblHeader` (docx-rs cannot
    /// write it), so this is how far the first row's vertical spans reach, when more than 1.
    pub header_rows: usize,
    /// Font size of the cell text in half-points.
    pub size: usize,
    /// Regions in row-major order of their top-left corner.
    pub anchors: Vec<Anchor>,
}

impl Grid {
    /// An empty grid with the given column widths.
    fn new(widths: &[usize], rows: usize, header_rows: usize, size: usize) -> Grid {
        Grid {
            widths: widths.to_vec(),
            rows,
            header_rows,
            size,
            anchors: Vec::new(),
        }
    }

    /// Adds a region holding one paragraph.
    fn add(&mut self, r: usize, c: usize, rs: usize, cs: usize, text: &str) {
        self.add_paras(r, c, rs, cs, &[text]);
    }

    /// Adds a region holding several paragraphs.
    fn add_paras(&mut self, r: usize, c: usize, rs: usize, cs: usize, paras: &[&str]) {
        self.anchors.push(Anchor {
            r,
            c,
            rs,
            cs,
            paras: paras.iter().map(|p| p.to_string()).collect(),
        });
    }
}

/// A 2019 table-2 block: first row, banner (empty for (一), whose banner and header come
/// first), the two row labels, their values.
type Block2019<'a> = (usize, &'a str, [&'a str; 2], &'a [[&'a str; 3]; 2]);

/// A region as (row, col, row span, col span, text).
type Region<'a> = (usize, usize, usize, usize, &'a str);

/// Table 2 values in the 2019 format (rows of 第二十条 (一), (五), (六), (八), (九)).
pub struct T2v2019 {
    /// 规章, 规范性文件: 本年新制作数量, 本年新公开数量, 对外公开总数量.
    pub art20_1: [[&'static str; 3]; 2],
    /// 行政许可, 其他对外管理服务事项: 上一年项目数量, 本年增/减, 处理决定数量.
    pub art20_5: [[&'static str; 3]; 2],
    /// 行政处罚, 行政强制: as (五).
    pub art20_6: [[&'static str; 3]; 2],
    /// 行政事业性收费: 上一年项目数量, 本年增/减.
    pub art20_8: [&'static str; 2],
    /// 政府集中采购: 采购项目数量, 采购总金额.
    pub art20_9: [&'static str; 2],
}

/// Table 2, 2019 format: 18×4, the column headers wrapped as the seed prints them.
pub fn t2_2019(v: &T2v2019) -> Grid {
    let mut g = Grid::new(&[2435; 4], 18, 0, 24);
    let four = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"];
    g.add(0, 0, 1, 4, "第二十条第（一）项");
    let head = [
        "信息内容",
        "本年新\n制作数量",
        "本年新\n公开数量",
        "对外公开总数量",
    ];
    for (c, h) in head.iter().enumerate() {
        g.add(1, c, 1, 1, h);
    }
    let blocks: [Block2019; 3] = [
        (2, "", ["规章", "规范性文件"], &v.art20_1),
        (
            4,
            "第二十条第（五）项",
            ["行政许可", "其他对外管理服务事项"],
            &v.art20_5,
        ),
        (
            8,
            "第二十条第（六）项",
            ["行政处罚", "行政强制"],
            &v.art20_6,
        ),
    ];
    for (top, banner, labels, values) in blocks {
        // (一) has its banner and header above; (五) and (六) start with theirs here.
        let mut r = top;
        if !banner.is_empty() {
            g.add(r, 0, 1, 4, banner);
            for (c, h) in four.iter().enumerate() {
                g.add(r + 1, c, 1, 1, h);
            }
            r += 2;
        }
        for (label, row) in labels.iter().zip(values) {
            g.add(r, 0, 1, 1, label);
            for (c, val) in row.iter().enumerate() {
                g.add(r, c + 1, 1, 1, val);
            }
            r += 1;
        }
    }
    g.add(12, 0, 1, 4, "第二十条第（八）项");
    g.add(13, 0, 1, 1, "信息内容");
    g.add(13, 1, 1, 1, "上一年项目数量");
    g.add(13, 2, 1, 2, "本年增/减");
    g.add(14, 0, 1, 1, "行政事业性收费");
    g.add(14, 1, 1, 1, v.art20_8[0]);
    g.add(14, 2, 1, 2, v.art20_8[1]);
    g.add(15, 0, 1, 4, "第二十条第（九）项");
    g.add(16, 0, 1, 1, "信息内容");
    g.add(16, 1, 1, 1, "采购项目数量");
    g.add(16, 2, 1, 2, "采购总金额");
    g.add(17, 0, 1, 1, "政府集中采购");
    g.add(17, 1, 1, 1, v.art20_9[0]);
    g.add(17, 2, 1, 2, v.art20_9[1]);
    g
}

/// Table 2 values in the 2021 format.
pub struct T2v2021 {
    /// 规章, 行政规范性文件: 本年制发件数, 本年废止件数, 现行有效件数.
    pub art20_1: [[&'static str; 3]; 2],
    /// 行政许可: 本年处理决定数量.
    pub license: &'static str,
    /// 行政处罚, 行政强制: 本年处理决定数量.
    pub art20_6: [&'static str; 2],
    /// 行政事业性收费: 本年收费金额（单位：万元）.
    pub fees: &'static str,
}

/// Table 2, 2021 format: 14×4. The amount header is two paragraphs (a manual line split).
pub fn t2_2021(v: &T2v2021) -> Grid {
    let mut g = Grid::new(&[2435; 4], 14, 0, 24);
    g.add(0, 0, 1, 4, "第二十条第（一）项");
    for (c, h) in ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        .iter()
        .enumerate()
    {
        g.add(1, c, 1, 1, h);
    }
    for (i, label) in ["规章", "行政规范性文件"].iter().enumerate() {
        g.add(2 + i, 0, 1, 1, label);
        for (c, val) in v.art20_1[i].iter().enumerate() {
            g.add(2 + i, c + 1, 1, 1, val);
        }
    }
    g.add(4, 0, 1, 4, "第二十条第（五）项");
    g.add(5, 0, 1, 1, "信息内容");
    g.add(5, 1, 1, 3, "本年处理决定数量");
    g.add(6, 0, 1, 1, "行政许可");
    g.add(6, 1, 1, 3, v.license);
    g.add(7, 0, 1, 4, "第二十条第（六）项");
    g.add(8, 0, 1, 1, "信息内容");
    g.add(8, 1, 1, 3, "本年处理决定数量");
    g.add(9, 0, 1, 1, "行政处罚");
    g.add(9, 1, 1, 3, v.art20_6[0]);
    g.add(10, 0, 1, 1, "行政强制");
    g.add(10, 1, 1, 3, v.art20_6[1]);
    g.add(11, 0, 1, 4, "第二十条第（八）项");
    g.add(12, 0, 1, 1, "信息内容");
    g.add_paras(12, 1, 1, 3, &["本年收费金额", "（单位：万元）"]);
    g.add(13, 0, 1, 1, "行政事业性收费");
    g.add(13, 1, 1, 3, v.fees);
    g
}

/// Which table-3 layout: 2019 has a single （六）其他处理 row, 2021 three sub-rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3Format {
    /// 26×10.
    V2019,
    /// 28×10.
    V2021,
}

/// The applicant columns of table 3 below 法人或其他组织.
const ORG_COLS: [&str; 5] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

/// Table 3 (10 columns): 3 header rows, then one row per entry of `values` (一, 二, the
/// result rows, （七）总计, 四), each with the seven applicant columns.
pub fn t3(format: T3Format, values: &[[&str; 7]]) -> Result<Grid, String> {
    let other: &[&str] = match format {
        T3Format::V2019 => &[],
        T3Format::V2021 => &[
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    };
    let groups: [(&str, &[&str]); 7] = [
        ("（一）予以公开", &[]),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            &[],
        ),
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        ("（六）其他处理", other),
        ("（七）总计", &[]),
    ];
    let result_rows: usize = groups.iter().map(|(_, s)| s.len().max(1)).sum();
    let rows = 3 + 2 + result_rows + 1;
    if values.len() != rows - 3 {
        return Err(format!(
            "table 3 ({format:?}) needs {} value rows, got {}",
            rows - 3,
            values.len()
        ));
    }
    let widths = [754, 921, 3271, 685, 685, 685, 685, 685, 685, 685];
    let mut g = Grid::new(&widths, rows, 3, 18);
    g.add(
        0,
        0,
        3,
        3,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    );
    g.add(0, 3, 1, 7, "申请人情况");
    g.add(1, 3, 2, 1, "自然人");
    g.add(1, 4, 1, 5, "法人或其他组织");
    g.add(1, 9, 2, 1, "总计");
    for (i, h) in ORG_COLS.iter().enumerate() {
        g.add(2, 4 + i, 1, 1, h);
    }
    let mut labelled: Vec<(usize, Vec<Region>)> = Vec::new();
    labelled.push((3, vec![(3, 0, 1, 3, "一、本年新收政府信息公开申请数量")]));
    labelled.push((4, vec![(4, 0, 1, 3, "二、上年结转政府信息公开申请数量")]));
    let mut r = 5;
    for (gi, (label, subs)) in groups.iter().enumerate() {
        let mut first = Vec::new();
        if gi == 0 {
            first.push((r, 0, result_rows, 1, "三、本年度办理结果"));
        }
        if subs.is_empty() {
            first.push((r, 1, 1, 2, *label));
            labelled.push((r, first));
            r += 1;
            continue;
        }
        first.push((r, 1, subs.len(), 1, *label));
        for (k, sub) in subs.iter().enumerate() {
            if k > 0 {
                first = Vec::new();
            }
            first.push((r, 2, 1, 1, *sub));
            labelled.push((r, first.clone()));
            r += 1;
        }
    }
    labelled.push((r, vec![(r, 0, 1, 3, "四、结转下年度继续办理")]));
    for ((row, labels), vals) in labelled.into_iter().zip(values) {
        for (lr, lc, lrs, lcs, text) in labels {
            g.add(lr, lc, lrs, lcs, text);
        }
        for (k, val) in vals.iter().enumerate() {
            g.add(row, 3 + k, 1, 1, val);
        }
    }
    Ok(g)
}

/// Table 4 (4×15), the same in both formats; `values` are the 15 cells of its last row.
pub fn t4(values: &[&str; 15]) -> Grid {
    let widths = [
        649, 649, 649, 649, 649, 649, 649, 650, 650, 650, 650, 650, 650, 650, 650,
    ];
    let mut g = Grid::new(&widths, 4, 3, 18);
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    g.add(0, 0, 1, 5, "行政复议");
    g.add(0, 5, 1, 10, "行政诉讼");
    for (c, h) in results.iter().enumerate() {
        g.add(1, c, 2, 1, h);
    }
    g.add(1, 5, 1, 5, "未经复议直接起诉");
    g.add(1, 10, 1, 5, "复议后起诉");
    for block in [5, 10] {
        for (k, h) in results.iter().enumerate() {
            g.add(2, block + k, 1, 1, h);
        }
    }
    for (c, val) in values.iter().enumerate() {
        g.add(3, c, 1, 1, val);
    }
    g
}
