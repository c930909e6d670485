/**
 * One accepted 微项目 per community, so the demo shows a full competition. Amounts are typed
 * in 元 as a person would (the seeder parses them to 分) and stay within the seeded funds'
 * per-project caps (street 80,000 元, foundation 30,000 元, which adds 30% of the street grant).
 * `needs` are indices into the community's needs in demo-data.ts.
 */
import type { PartnerType, ProjectCategory } from "../app/domain/enums";

interface DemoProposal {
  community: string;
  title: string;
  category: ProjectCategory;
  summary: string;
  problem: string;
  beneficiaries: string;
  beneficiaryCount: number;
  plan: string;
  team: string;
  needs: number[];
  milestones: Array<{ title: string; dueOn: string }>;
  /** item, quantity, unit, unit price (元) — as typed */
  lines: Array<[string, string, string, string]>;
  /** 元, as typed */
  street: string;
  foundation: string;
  cofunding: Array<{
    partnerName: string;
    partnerType: PartnerType;
    amount: string;
    inKind?: string;
  }>;
}

export const DEMO_PROPOSALS: DemoProposal[] = [
  {
    community: "ruanjian",
    title: "“青年夜跑+”园区社区融合计划",
    category: "youth",
    summary: "把园区青年的下班时间变成社区时间:夜跑、夜校与青年议事会。",
    problem:
      "软件新城集聚两万余名园区青年,下班后缺少运动与交流空间,与社区联系弱,参与社区事务少;随迁老人不会使用智慧门禁。",
    beneficiaries: "园区青年、新市民家庭、随迁老人",
    beneficiaryCount: 3000,
    plan: "改造社区广场夜间照明与跑道标识,组建青年夜跑团;开设“青年夜校”每周两期;成立青年议事会,每季度议事一次;青年志愿者为随迁老人开展智慧门禁培训。",
    team: "社区党委牵头,园区企业工会、青年志愿者服务队共同实施,社区青年专干负责日常运营。",
    needs: [0, 2],
    milestones: [
      { title: "夜跑线路与照明改造完成", dueOn: "2027-03-31" },
      { title: "青年夜校开课", dueOn: "2027-04-15" },
      { title: "第一次青年议事会", dueOn: "2027-05-20" },
    ],
    lines: [
      ["广场夜间照明灯具", "24", "套", "1,200"],
      ["跑道标识与安全提示牌", "60", "块", "180"],
      ["青年夜校课程师资", "48", "课时", "400"],
      ["智慧门禁适老化培训", "10", "场", "600"],
    ],
    street: "45,000",
    foundation: "13,500",
    cofunding: [
      {
        partnerName: "光谷软件园企业联合工会",
        partnerType: "enterprise",
        amount: "6,000",
        inKind: "提供夜校教室",
      },
    ],
  },
  {
    community: "chunhe",
    title: "“春和议事厅”楼道微治理",
    category: "governance",
    summary: "居民议事定规矩,楼道清爽保平安,春和万事兴。",
    problem:
      "老旧小区楼道堆物、电动车上楼,消防隐患突出;居民议事借用会议室,时间不固定;部分单元门禁失灵。",
    beneficiaries: "春和社区 26 栋楼居民",
    beneficiaryCount: 4200,
    plan: "建设春和议事厅;以楼栋为单位召开议事会,制定楼道公约;集中清理堆物、配置消防器材;修复单元门禁;设立楼栋长轮值制度。",
    team: "社区两委、26 名楼栋长、物业公司、消防志愿者。",
    needs: [0, 1, 2],
    milestones: [
      { title: "议事厅建成并启用", dueOn: "2027-03-15" },
      { title: "26 栋楼道公约签订", dueOn: "2027-05-31" },
      { title: "单元门禁修复完成", dueOn: "2027-06-30" },
    ],
    lines: [
      ["议事厅桌椅与公示墙", "1", "项", "18,000"],
      ["单元门禁维修更换", "12", "套", "2,500"],
      ["楼道清理与消防器材", "26", "栋", "900"],
    ],
    street: "50,000",
    foundation: "15,000",
    cofunding: [
      {
        partnerName: "春和物业服务有限公司",
        partnerType: "enterprise",
        amount: "4,000",
        inKind: "清运车辆与人力",
      },
    ],
  },
  {
    community: "xingyuan",
    title: "“两会一坊”长者助餐与四点半课堂",
    category: "elderly",
    summary: "议事会定菜单、协商会定价格、邻里工坊做服务。",
    problem: "独居、高龄老人吃饭难;双职工家庭孩子放学后无人看护;中心花园夜间照明不足。",
    beneficiaries: "60 岁以上独居老人、小学生家庭",
    beneficiaryCount: 860,
    plan: "通过居民议事会、协商会确定助餐标准与补贴;依托邻里工坊建设长者食堂;开设四点半课堂;补齐中心花园照明。",
    team: "社区党委、邻里工坊志愿者、武汉大学社会工作系实践团队。",
    needs: [0, 1, 2],
    milestones: [
      { title: "长者食堂开餐", dueOn: "2027-03-01" },
      { title: "四点半课堂开课", dueOn: "2027-03-10" },
      { title: "照明改造完成", dueOn: "2027-04-30" },
    ],
    lines: [
      ["长者食堂厨房设备", "1", "项", "26,000"],
      ["助餐补贴", "3000", "人次", "5"],
      ["四点半课堂", "40", "场", "500"],
      ["中心花园照明", "15", "套", "800"],
    ],
    street: "52,000",
    foundation: "15,600",
    cofunding: [
      {
        partnerName: "武汉大学社会工作系",
        partnerType: "university",
        amount: "4,000",
        inKind: "学生志愿者 20 名",
      },
    ],
  },
  {
    community: "juyuan",
    title: "“橘香邻里”睦邻守望行动",
    category: "neighbourhood",
    summary: "办睦邻节、设置换角、治高空抛物,让邻居变亲人。",
    problem: "新入住居民多,邻里互不相识;高空抛物隐患时有发生;闲置物品无处流转。",
    beneficiaries: "橘园社区全体居民",
    beneficiaryCount: 5200,
    plan: "每季度举办一次睦邻节;在社区服务站设置共享置换角;重点楼栋加装高空抛物监控并开展宣传。",
    team: "社区两委、邻里互助队、楼栋志愿者。",
    needs: [0, 1, 2],
    milestones: [
      { title: "首届睦邻节", dueOn: "2027-04-10" },
      { title: "共享置换角开放", dueOn: "2027-04-30" },
      { title: "高空抛物监控安装", dueOn: "2027-06-15" },
    ],
    lines: [
      ["睦邻节活动", "4", "场", "5,000"],
      ["共享置换角货架与登记系统", "1", "项", "8,000"],
      ["高空抛物监控", "10", "套", "2,800"],
      ["宣传物料", "1", "项", "3,000"],
    ],
    street: "42,000",
    foundation: "12,600",
    cofunding: [{ partnerName: "橘园邻里互助会", partnerType: "social_org", amount: "3,000" }],
  },
  {
    community: "baiyangshan",
    title: "“童心童行”儿童友好空间",
    category: "children",
    summary: "孩子们自己设计的游乐场和安全上学路。",
    problem: "中心广场游乐设施老化锈蚀;学校路口无减速带和护栏;暑期青少年缺少活动。",
    beneficiaries: "社区 0–14 岁儿童及其家庭",
    beneficiaryCount: 1600,
    plan: "组织儿童议事会参与游乐空间设计;更新游乐设施;上学路口加装护栏和减速带;开设暑期课堂。",
    team: "社区党委、儿童议事会、华中师范大学志愿者、学校家委会。",
    needs: [0, 1, 2],
    milestones: [
      { title: "儿童议事会完成设计", dueOn: "2027-03-20" },
      { title: "游乐设施更新完成", dueOn: "2027-05-31" },
      { title: "暑期课堂结课", dueOn: "2027-08-25" },
    ],
    lines: [
      ["游乐设施更新", "1", "项", "35,000"],
      ["上学路口护栏", "120", "米", "150"],
      ["减速带", "8", "条", "600"],
      ["暑期课堂", "30", "场", "400"],
    ],
    street: "50,000",
    foundation: "15,000",
    cofunding: [
      {
        partnerName: "华中师范大学青年志愿者协会",
        partnerType: "university",
        amount: "3,000",
        inKind: "暑期课堂师资",
      },
    ],
  },
  {
    community: "lanyuan",
    title: "“兰馨颐养”适老化微改造",
    category: "elderly",
    summary: "扶手、座椅、手机课,让老人出门更方便。",
    problem: "老旧楼栋无扶手和休息座椅,老人上下楼吃力;智能手机挂号缴费不会用;文体队伍缺少场地。",
    beneficiaries: "兰园社区 60 岁以上老人",
    beneficiaryCount: 2100,
    plan: "为 32 个单元加装楼道扶手和休息座椅;开设智能手机课堂;改造老年活动室。",
    team: "社区两委、老年协会、社区卫生服务站、青年志愿者。",
    needs: [0, 1, 2],
    milestones: [
      { title: "扶手座椅安装完成", dueOn: "2027-04-30" },
      { title: "手机课堂 20 场完成", dueOn: "2027-07-31" },
      { title: "活动室启用", dueOn: "2027-05-15" },
    ],
    lines: [
      ["楼道扶手", "320", "米", "120"],
      ["休息座椅", "40", "个", "350"],
      ["智能手机课堂", "20", "场", "300"],
      ["老年活动室改造", "1", "项", "12,000"],
    ],
    street: "50,000",
    foundation: "15,000",
    cofunding: [
      {
        partnerName: "东湖高新区社区卫生服务中心",
        partnerType: "other",
        amount: "4,000",
        inKind: "健康讲座",
      },
    ],
  },
  {
    community: "huashan",
    title: "“花山记忆”社区文化客厅",
    category: "culture",
    summary: "留住花山记忆,讲好社区故事。",
    problem: "老居民希望留住花山的历史记忆;文化活动室设备陈旧,活动难以开展。",
    beneficiaries: "花山社区居民与青少年",
    beneficiaryCount: 3500,
    plan: "采集 20 位老居民口述史;布展社区记忆馆;更新文化活动室音响投影;定期举办文化讲堂。",
    team: "社区党委、文化志愿者、区文化馆。",
    needs: [0, 1],
    milestones: [
      { title: "口述史采集完成", dueOn: "2027-04-30" },
      { title: "记忆馆开馆", dueOn: "2027-06-30" },
    ],
    lines: [
      ["社区记忆馆布展", "1", "项", "30,000"],
      ["口述史采集", "20", "人", "500"],
      ["活动室音响投影", "1", "套", "9,800"],
    ],
    street: "35,000",
    foundation: "10,500",
    cofunding: [
      {
        partnerName: "东湖高新区文化馆",
        partnerType: "other",
        amount: "3,000",
        inKind: "布展指导",
      },
    ],
  },
  {
    community: "meiyuan",
    title: "“梅香时间银行”志愿积分",
    category: "neighbourhood",
    summary: "服务存时间,需要时取时间。",
    problem: "志愿者参与积极性不高、缺少激励;独居老人缺少日常探访。",
    beneficiaries: "志愿者与独居老人",
    beneficiaryCount: 900,
    plan: "搭建时间银行积分系统;志愿服务折算积分兑换物资与服务;组织志愿者结对探访独居老人;开展志愿者培训。",
    team: "社区党委、梅香志愿服务队、辖区商户联盟。",
    needs: [0, 1],
    milestones: [
      { title: "积分系统上线", dueOn: "2027-03-31" },
      { title: "结对探访 600 人次", dueOn: "2027-10-31" },
    ],
    lines: [
      ["时间银行积分系统", "1", "项", "12,000"],
      ["积分兑换物资", "1", "项", "10,000"],
      ["结对探访", "600", "人次", "20"],
      ["志愿者培训", "8", "场", "800"],
    ],
    street: "28,000",
    foundation: "8,400",
    cofunding: [
      {
        partnerName: "梅园商户联盟",
        partnerType: "enterprise",
        amount: "3,000",
        inKind: "兑换商品",
      },
    ],
  },
  {
    community: "guiyuan",
    title: "“桂馥平安”充电棚与巡逻队",
    category: "safety",
    summary: "电动车有处充,夜里有人巡。",
    problem: "电动车飞线充电问题突出;小区夜间巡逻力量不足。",
    beneficiaries: "桂园社区居民",
    beneficiaryCount: 4600,
    plan: "建设 2 处集中充电棚、安装 20 个充电桩;组建 30 人居民巡逻队并配置装备。",
    team: "社区两委、物业、居民巡逻队、充电桩运营企业。",
    needs: [0, 1],
    milestones: [
      { title: "充电棚建成投用", dueOn: "2027-04-30" },
      { title: "巡逻队上岗", dueOn: "2027-03-31" },
    ],
    lines: [
      ["集中充电桩", "20", "个", "1,500"],
      ["充电棚", "2", "个", "9,000"],
      ["巡逻队装备", "30", "套", "300"],
    ],
    street: "40,000",
    foundation: "12,000",
    cofunding: [
      {
        partnerName: "光谷绿能充电科技有限公司",
        partnerType: "enterprise",
        amount: "4,000",
        inKind: "免费运维一年",
      },
    ],
  },
  {
    community: "zhuyuan",
    title: "“竹韵绿色”垃圾分类与社区花园",
    category: "environment",
    summary: "分类投放点焕新,闲置绿地变花园。",
    problem: "垃圾分类投放点脏乱、分类不准;闲置绿地无人管护。",
    beneficiaries: "竹园社区居民",
    beneficiaryCount: 3800,
    plan: "改造 8 个分类投放点;将 260.5 平方米闲置绿地改造为社区花园,由居民认养;配置堆肥箱,厨余变花肥。",
    team: "社区两委、绿色志愿者、华中农业大学园艺学院。",
    needs: [0, 1],
    milestones: [
      { title: "投放点改造完成", dueOn: "2027-04-15" },
      { title: "社区花园开园", dueOn: "2027-05-20" },
    ],
    lines: [
      ["分类投放点改造", "8", "个", "4,500"],
      ["社区花园建设", "260.5", "平方米", "85"],
      ["堆肥箱", "10", "个", "400"],
    ],
    street: "44,000",
    foundation: "13,200",
    cofunding: [
      {
        partnerName: "华中农业大学园艺林学学院",
        partnerType: "university",
        amount: "3,000",
        inKind: "种植指导",
      },
    ],
  },
  {
    community: "yanxihu",
    title: "“护一湖碧水”湖畔步道共治",
    category: "environment",
    summary: "亮起来、护起来、管起来的湖畔步道。",
    problem: "湖边步道缺少照明和护栏,夜间散步有安全隐患;节假日湖岸垃圾清理不及时。",
    beneficiaries: "严西湖社区居民与游客",
    beneficiaryCount: 6000,
    plan: "补齐 1.5 公里步道照明与护栏;组建居民护湖队,节假日巡湖清理;设立护湖公约。",
    team: "社区两委、居民护湖队、区水务部门。",
    needs: [0, 1],
    milestones: [
      { title: "照明护栏完工", dueOn: "2027-05-31" },
      { title: "护湖队成立", dueOn: "2027-03-31" },
    ],
    lines: [
      ["步道照明", "30", "套", "1,100"],
      ["湖岸护栏", "150", "米", "160"],
      ["护湖队装备", "1", "项", "6,000"],
    ],
    street: "45,000",
    foundation: "13,500",
    cofunding: [
      { partnerName: "严西湖生态保护志愿者协会", partnerType: "social_org", amount: "3,000" },
    ],
  },
];
