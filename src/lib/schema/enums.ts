/**
 * Controlled vocabularies. Values are the Chinese words staff already use in
 * Excel, so a cell reads the same in the spreadsheet, the CSV and on the site.
 */

/** 管理模式: how a compound is managed (seed 004 names the four modes for 失管 compounds). */
export const MANAGEMENT_MODES = ['专业物业', '片区大物业', '延伸式', '自治式', '订单式', '失管'] as const;
export const STREET_KINDS = ['街道', '镇'] as const;
/** 业委会 is elected by the owners' assembly; 物管会 stands in where none exists. */
export const COMMITTEE_KINDS = ['业委会', '物管会'] as const;
export const MEMBER_ROLES = ['主任', '副主任', '委员', '执行秘书'] as const;
/** "四保": the four basic services. */
export const SERVICES = ['保安', '保洁', '保绿', '保修'] as const;
export const PARTY_ORGS = ['党委', '党总支', '党支部', '联合党支部', '无'] as const;
export const FEE_CATEGORIES = ['住宅', '非住宅', '地面停车', '地下车库停车'] as const;
export const FEE_UNITS = ['元/平方米/月', '元/车位/月'] as const;
export const PRICING_REGIMES = ['政府指导价', '市场调节价'] as const;
export const LEDGER_DIRECTIONS = ['收入', '支出'] as const;
/** Inflow and outflow categories of the maintenance fund; 冲正 reverses an earlier entry. */
export const LEDGER_CATEGORIES = [
  '首期归集',
  '续筹',
  '利息',
  '公共收益转入',
  '电梯',
  '屋面',
  '管道',
  '外墙',
  '消防',
  '其他维修',
  '冲正',
] as const;
export const LEDGER_INFLOW_CATEGORIES = ['首期归集', '续筹', '利息', '公共收益转入', '冲正'] as const;
export const REVENUE_SOURCES = ['广告', '停车', '场地租赁', '其他'] as const;
export const RECIPIENT_KINDS = ['物业企业', '业委会', '小区', '个人'] as const;
export const EVALUATION_SUBJECTS = ['物业企业', '小区'] as const;
export const EVALUATION_OUTCOMES = ['优秀', '达标', '限期整改', '末位淘汰', '后进小区督办'] as const;
export const CLAIMANT_KINDS = ['物业企业', '单位'] as const;
/** 未公布结果: the deadline passed and no source reports the outcome; never guess one. */
export const COMMITMENT_STATUSES = ['进行中', '已完成', '未完成', '未公布结果'] as const;
export const SOURCE_KINDS = ['新闻报道', '政府文件', '会议决议', '演示数据'] as const;
export const FIGURE_SCOPES = ['区', '街道'] as const;
