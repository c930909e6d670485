/**
 * Demo data drawn from the real story: Wuhan's 花山街道 (East Lake High-tech Zone), its
 * communities and their 一社一品 brands. The six communities and brands named in press
 * coverage are kept; the other five communities are plausible inventions. People are fictional.
 */
import type {
  BrandTheme,
  NeedSource,
  PartnerUnitType,
  ResourceCategory,
  Role,
} from "../app/domain/enums";

export const DEMO_PASSWORD = "huashan2026";

export const STREET = { name: "花山街道", district: "武汉市东湖新技术开发区" };

interface DemoCommunity {
  key: string;
  name: string;
  brandName: string;
  brandTagline: string;
  brandDescription: string;
  secretary: string;
  needs: Array<{ title: string; description: string; source: NeedSource; raisedCount: number }>;
}

export const COMMUNITIES: DemoCommunity[] = [
  {
    key: "ruanjian",
    name: "软件新城智慧社区",
    brandName: "青年友好型社区",
    brandTagline: "青春之城 · 智慧共治",
    brandDescription: "园区青年与社区融合,打造青年友好的智慧社区。",
    secretary: "周晓琳",
    needs: [
      {
        title: "下班后缺少青年交友与运动空间",
        description: "园区青年反映晚间无处运动交流。",
        source: "online",
        raisedCount: 86,
      },
      {
        title: "快递外卖车辆乱停影响通行",
        description: "早晚高峰小区门口拥堵。",
        source: "hotline",
        raisedCount: 41,
      },
      {
        title: "智慧门禁老人不会用",
        description: "部分随迁老人不会使用人脸门禁。",
        source: "visit",
        raisedCount: 17,
      },
    ],
  },
  {
    key: "chunhe",
    name: "春和社区",
    brandName: "春和万事兴",
    brandTagline: "春风和煦 · 万事皆兴",
    brandDescription: "以“春和议事厅”为平台,居民的事居民商量着办。",
    secretary: "李春梅",
    needs: [
      {
        title: "小区楼道堆物存在消防隐患",
        description: "多栋楼道堆放杂物、电动车。",
        source: "grid",
        raisedCount: 53,
      },
      {
        title: "缺少居民议事固定场所",
        description: "议事会借用会议室,时间不固定。",
        source: "council",
        raisedCount: 29,
      },
      {
        title: "老旧单元门禁损坏",
        description: "3 栋、5 栋单元门禁失灵。",
        source: "hotline",
        raisedCount: 22,
      },
    ],
  },
  {
    key: "xingyuan",
    name: "杏园社区",
    brandName: "杏园服务友好型社区",
    brandTagline: "两会一坊 · 服务到家",
    brandDescription: "以居民议事会、协商会和“邻里工坊”(两会一坊)提升服务。",
    secretary: "王杏芳",
    needs: [
      {
        title: "老年人就餐不便",
        description: "独居老人希望社区提供助餐服务。",
        source: "visit",
        raisedCount: 64,
      },
      {
        title: "儿童放学后无人看护",
        description: "双职工家庭放学后托管需求大。",
        source: "council",
        raisedCount: 38,
      },
      {
        title: "公共区域照明不足",
        description: "中心花园夜间照明差。",
        source: "online",
        raisedCount: 19,
      },
    ],
  },
  {
    key: "juyuan",
    name: "橘园社区",
    brandName: "橘园睦邻友好型社区",
    brandTagline: "橘香邻里 · 守望相助",
    brandDescription: "以睦邻节、邻里互助队推动邻里守望。",
    secretary: "陈橘红",
    needs: [
      {
        title: "邻里互不相识,缺少交流活动",
        description: "新入住居民多,邻里关系淡。",
        source: "online",
        raisedCount: 45,
      },
      {
        title: "高空抛物隐患",
        description: "居民希望加装监控并开展宣传。",
        source: "hotline",
        raisedCount: 33,
      },
      {
        title: "闲置物品无处流转",
        description: "希望设立共享置换角。",
        source: "council",
        raisedCount: 21,
      },
    ],
  },
  {
    key: "baiyangshan",
    name: "白羊山社区",
    brandName: "白羊山儿童友好型社区",
    brandTagline: "童心童行 · 快乐成长",
    brandDescription: "建设儿童议事会和儿童友好空间。",
    secretary: "刘白羽",
    needs: [
      {
        title: "儿童游乐设施老化",
        description: "中心广场滑梯、秋千锈蚀。",
        source: "grid",
        raisedCount: 72,
      },
      {
        title: "上学路段缺少安全设施",
        description: "学校路口无减速带、无护栏。",
        source: "council",
        raisedCount: 58,
      },
      {
        title: "暑期青少年缺少活动",
        description: "希望开设暑期课堂。",
        source: "online",
        raisedCount: 36,
      },
    ],
  },
  {
    key: "lanyuan",
    name: "兰园社区",
    brandName: "兰园老年友好型社区",
    brandTagline: "兰馨颐养 · 老有所乐",
    brandDescription: "适老化改造与互助养老并举。",
    secretary: "张兰英",
    needs: [
      {
        title: "楼栋缺少扶手和休息座椅",
        description: "老人上下楼吃力。",
        source: "visit",
        raisedCount: 47,
      },
      {
        title: "老人智能手机使用困难",
        description: "挂号、缴费不会操作。",
        source: "council",
        raisedCount: 39,
      },
      {
        title: "缺少老年文体活动场地",
        description: "合唱队、太极队无固定场地。",
        source: "online",
        raisedCount: 26,
      },
    ],
  },
  {
    key: "huashan",
    name: "花山社区",
    brandName: "花山古韵文化友好型社区",
    brandTagline: "文化铸魂 · 古韵新声",
    brandDescription: "挖掘花山本土文化,建设社区文化客厅。",
    secretary: "黄文华",
    needs: [
      {
        title: "社区历史文化缺少展示",
        description: "老居民希望留住花山记忆。",
        source: "council",
        raisedCount: 31,
      },
      {
        title: "文化活动室设备陈旧",
        description: "音响、投影损坏。",
        source: "grid",
        raisedCount: 18,
      },
    ],
  },
  {
    key: "meiyuan",
    name: "梅园社区",
    brandName: "梅香志愿友好型社区",
    brandTagline: "志愿如梅 · 暗香满园",
    brandDescription: "“时间银行”积分激励志愿服务。",
    secretary: "孙梅",
    needs: [
      {
        title: "志愿者参与积极性不高",
        description: "缺少激励机制。",
        source: "council",
        raisedCount: 24,
      },
      {
        title: "独居老人缺少日常探访",
        description: "希望组织结对探访。",
        source: "visit",
        raisedCount: 35,
      },
    ],
  },
  {
    key: "guiyuan",
    name: "桂园社区",
    brandName: "桂馥平安友好型社区",
    brandTagline: "桂香满园 · 平安相伴",
    brandDescription: "群防群治,建设平安小区。",
    secretary: "赵桂林",
    needs: [
      {
        title: "电动车飞线充电",
        description: "缺少集中充电桩。",
        source: "hotline",
        raisedCount: 67,
      },
      {
        title: "小区夜间巡逻力量不足",
        description: "希望组建居民巡逻队。",
        source: "council",
        raisedCount: 23,
      },
    ],
  },
  {
    key: "zhuyuan",
    name: "竹园社区",
    brandName: "竹韵生态友好型社区",
    brandTagline: "绿竹成荫 · 低碳生活",
    brandDescription: "垃圾分类与社区花园共建。",
    secretary: "吴竹青",
    needs: [
      {
        title: "垃圾分类投放点脏乱",
        description: "投放点异味大、分类不准。",
        source: "grid",
        raisedCount: 55,
      },
      {
        title: "闲置绿地无人管护",
        description: "希望改造为社区花园。",
        source: "council",
        raisedCount: 28,
      },
    ],
  },
  {
    key: "yanxihu",
    name: "严西湖社区",
    brandName: "湖畔共治环境友好型社区",
    brandTagline: "护一湖碧水 · 共一方家园",
    brandDescription: "居民护湖队守护严西湖生态。",
    secretary: "郑湖生",
    needs: [
      {
        title: "湖边步道缺少照明和护栏",
        description: "夜间散步存在安全隐患。",
        source: "online",
        raisedCount: 49,
      },
      {
        title: "湖岸垃圾清理不及时",
        description: "节假日垃圾多。",
        source: "hotline",
        raisedCount: 30,
      },
    ],
  },
];

export interface DemoUser {
  username: string;
  displayName: string;
  title: string;
  role: Role;
  communityKey?: string;
}

export const JUDGES: Array<DemoUser & { recusedFrom?: string[] }> = [
  { username: "judge1", displayName: "陈立新", title: "华中科技大学社会学院教授", role: "judge" },
  { username: "judge2", displayName: "刘敏", title: "武汉大学社会学院副教授", role: "judge" },
  { username: "judge3", displayName: "张伟", title: "花山街道党工委副书记", role: "judge" },
  { username: "judge4", displayName: "李芳", title: "花山街道社区建设办公室主任", role: "judge" },
  {
    username: "judge5",
    displayName: "周涛",
    title: "东湖高新区社会事务局科长",
    role: "judge",
  },
  {
    username: "judge6",
    displayName: "吴静",
    title: "光谷社会工作服务中心主任",
    role: "judge",
    // 吴静's organisation runs services in 杏园社区: she does not score its project.
    recusedFrom: ["xingyuan"],
  },
  {
    username: "judge7",
    displayName: "郑海",
    title: "区人大代表、居民代表",
    role: "judge",
    // 郑海 lives in 兰园社区.
    recusedFrom: ["lanyuan"],
  },
];

export const STAFF: DemoUser[] = [
  {
    username: "admin",
    displayName: "花山街道管理员",
    title: "花山街道党建办",
    role: "street_admin",
  },
  { username: "clerk1", displayName: "计票员甲", title: "花山街道综合办", role: "clerk" },
  { username: "clerk2", displayName: "计票员乙", title: "花山街道综合办", role: "clerk" },
  { username: "observer", displayName: "监督员", title: "街道纪工委", role: "observer" },
];

export function secretaryUsername(communityKey: string) {
  return `sec-${communityKey}`;
}

export const COMPETITION = {
  slug: "huashan-2026",
  title: "花山街党建引领社区治理创新项目路演",
  year: 2026,
  round: 3,
  description:
    "第三届“一社一品”社区治理创新项目路演:各社区书记上台路演微项目,评委现场打分,居民线上线下投票共评,街道惠民资金与花山街社区基金会共同资助。",
  criteria: [
    {
      name: "需求精准度",
      description: "项目回应居民急难愁盼,需求来源清楚、有数据支撑。",
      maxPoints: 20,
    },
    { name: "方案可行性", description: "目标明确,计划、分工和里程碑可落地。", maxPoints: 20 },
    { name: "居民参与度", description: "居民在设计、实施和评价中的参与程度。", maxPoints: 15 },
    { name: "创新与品牌", description: "体现“一社一品”特色,方法有新意。", maxPoints: 15 },
    { name: "可持续性", description: "资金与人员可持续,能长期运转。", maxPoints: 15 },
    { name: "预算合理性", description: "预算明细清楚、单价合理,撬动共建资源。", maxPoints: 15 },
  ],
  funds: [
    {
      kind: "street" as const,
      name: "街道惠民资金",
      // Less than the 481,000 元 the 11 demo proposals ask for: not every project can be funded.
      totalFen: 400_000_00,
      perProjectCapFen: 80_000_00,
      matchRatioBp: null,
    },
    {
      kind: "foundation" as const,
      name: "花山街社区基金会",
      totalFen: 100_000_00,
      perProjectCapFen: 30_000_00,
      // The foundation adds 30% of a project's street grant.
      matchRatioBp: 3000,
    },
  ],
};

/** 资源清单: partner units (共建单位) with their offers; the merchant has a demo login. */
interface DemoPartner {
  name: string;
  type: PartnerUnitType;
  description: string;
  contactName: string;
  contactPhone: string;
  login?: { username: string; displayName: string };
  offers: Array<{
    category: ResourceCategory;
    title: string;
    description: string;
    capacity: string;
    /** Community keys; "*" for every community. */
    area: string[] | "*";
  }>;
}

export const PARTNERS: DemoPartner[] = [
  {
    name: "华中科技大学社会学院社会工作系",
    type: "university",
    description: "高校院系,社会工作与社区治理教学科研,长期与花山街道共建。",
    contactName: "陈老师",
    contactPhone: "027-87540000",
    offers: [
      {
        category: "expertise",
        title: "社区议事空间改造设计",
        description: "师生团队上门调研,出具议事、活动空间的改造设计方案。",
        capacity: "每年 3 个社区",
        area: ["chunhe", "lanyuan", "ruanjian"],
      },
      {
        category: "education",
        title: "居民议事与社区治理培训",
        description: "面向楼栋长、议事会成员的议事规则培训。",
        capacity: "每季度 1 期,每期 40 人",
        area: "*",
      },
    ],
  },
  {
    name: "花山便民五金维修店",
    type: "merchant",
    description: "花山街商户合伙人,门禁、水电、家电小修。",
    contactName: "张师傅",
    contactPhone: "13871000001",
    login: { username: "partner-shop", displayName: "花山便民五金维修店" },
    offers: [
      {
        category: "convenience",
        title: "门禁、水电上门维修(材料按进价)",
        description: "社区确认的公共部位维修,人工免费,材料按进价。",
        capacity: "每月 20 户次",
        area: ["chunhe", "juyuan", "huashan"],
      },
    ],
  },
  {
    name: "光谷康复医院(示例)",
    type: "hospital",
    description: "二级康复医院,开展社区义诊与慢病随访。",
    contactName: "刘护士长",
    contactPhone: "027-87000002",
    offers: [
      {
        category: "health",
        title: "每月义诊与慢病随访",
        description: "测血压血糖、用药指导,为独居老人建立随访档案。",
        capacity: "每月 2 次,每次约 80 人",
        area: ["lanyuan", "baiyangshan", "chunhe"],
      },
    ],
  },
  {
    name: "湖北楚法律师事务所(示例)",
    type: "enterprise",
    description: "律师事务所,公益法律服务进社区。",
    contactName: "王律师",
    contactPhone: "13871000003",
    offers: [
      {
        category: "legal",
        title: "居民法律咨询与纠纷调解",
        description: "每周半天驻点,物业、邻里、婚姻家庭纠纷咨询与调解。",
        capacity: "每周半天",
        area: "*",
      },
    ],
  },
];

/** The demo's one claim: the university's design offer matched to 春和's need, on its proposal. */
export const PARTNER_CLAIM = {
  unit: "华中科技大学社会学院社会工作系",
  offer: "社区议事空间改造设计",
  community: "chunhe",
  need: "缺少居民议事固定场所",
  valueFen: 3_000_000,
  note: "师生团队完成春和议事厅的空间设计,折价 3 万元。",
};

/**
 * Each community's 一社一品 brand as a brand of its own: its theme and 治理路径 (governance path),
 * and the honours the street has recorded. Keyed by community key; name, tagline and story come
 * from the community above.
 */
export const BRAND_PROFILES: Record<
  string,
  {
    theme: BrandTheme;
    governancePath: string;
    honours?: Array<{ title: string; awardedBy: string; year: number }>;
  }
> = {
  ruanjian: { theme: "youth", governancePath: "园区党建联盟 + 青年议事会 + 线上议事群" },
  chunhe: { theme: "other", governancePath: "春和议事厅:居民提事、议事会商事、共同办事" },
  xingyuan: { theme: "other", governancePath: "两会一坊:居民议事会、协商会、邻里工坊" },
  juyuan: { theme: "neighbour", governancePath: "睦邻节 + 楼栋长 + 邻里互助队" },
  baiyangshan: {
    theme: "child",
    governancePath: "儿童议事会提案 → 居民议事会协商 → 社区共建单位认领",
    honours: [
      {
        title: "高新区首届社会创新大赛杰出公益项目",
        awardedBy: "东湖高新区社会工作部",
        year: 2025,
      },
    ],
  },
  lanyuan: { theme: "elder", governancePath: "适老化改造清单 + 低龄助高龄互助小组" },
  huashan: { theme: "other", governancePath: "社区文化客厅 + 文化志愿者队伍" },
  meiyuan: { theme: "other", governancePath: "时间银行:志愿服务积分兑换" },
  guiyuan: { theme: "other", governancePath: "群防群治:平安志愿者 + 网格员巡查" },
  zhuyuan: { theme: "other", governancePath: "垃圾分类督导 + 社区花园共建" },
  yanxihu: { theme: "other", governancePath: "居民护湖队 + 河湖长制联动" },
};
