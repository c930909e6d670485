/**
 * Two competitions open for residents' votes through the registry check alone (no cards), one
 * asking for the 证件号 and one for an SMS code, each with a small registry and three accepted
 * projects: what e2e/registry-proof.spec.ts drives on a phone, on a server of its own.
 */
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { importRegistry, type RegistryRow } from "../app/models/ballot.server";
import type { Db } from "../db/client";
import { communities, competitions, proposals, streets } from "../db/schema";

export interface RegistryFixtureResident {
  name: string;
  phone: string;
  document?: string;
}

export interface RegistryFixture {
  idNumber: { slug: string; competitionId: number; resident: RegistryFixtureResident };
  smsCode: { slug: string; competitionId: number; resident: RegistryFixtureResident };
  projectTitles: string[];
}

const PROJECTS = [
  { community: "春和社区", title: "楼道灯光改造", brand: "亮楼道" },
  { community: "春和社区", title: "睦邻议事角", brand: "邻里坊" },
  { community: "杏园社区", title: "口袋公园共建", brand: "杏园绿" },
];

export async function seedRegistryFixture(db: Db): Promise<RegistryFixture> {
  const [street] = await db
    .insert(streets)
    .values({ name: "名册测试街道", district: "测试区" })
    .returning({ id: streets.id });
  const streetId = street!.id;
  const communityIds = new Map<string, number>();
  for (const [i, name] of ["春和社区", "杏园社区"].entries()) {
    const [c] = await db
      .insert(communities)
      .values({ streetId, name, sortOrder: i + 1 })
      .returning({ id: communities.id });
    communityIds.set(name, c!.id);
  }

  async function competition(slug: string, title: string, proof: "id_number" | "sms_code") {
    const [c] = await db
      .insert(competitions)
      .values({
        streetId,
        slug,
        title,
        year: 2026,
        phase: "voting",
        votingOpensAt: new Date(Date.now() - 3600_000),
        votingClosesAt: new Date(Date.now() + 6 * 3600_000),
        approvalMaxChoices: 2,
        verificationMode: "registry",
        registryProof: proof,
      })
      .returning({ id: competitions.id });
    const competitionId = c!.id;
    for (const p of PROJECTS)
      await db.insert(proposals).values({
        competitionId,
        communityId: communityIds.get(p.community)!,
        title: p.title,
        brand: p.brand,
        summary: `${p.title}:居民提出、居民参与的微更新项目。`,
        status: "accepted",
        submittedAt: new Date(),
        decidedAt: new Date(),
      });
    return competitionId;
  }

  const chunhe = communityIds.get("春和社区")!;
  const idResident = { name: "王小明", phone: "13800000001", document: "110101199001011234" };
  const idCompetition = await competition("registry-id", "名册投票(证件号码核验)", "id_number");
  const idRows: RegistryRow[] = [
    { ...idResident, communityId: chunhe },
    { name: "王小红", phone: "13800000011", communityId: chunhe },
  ];
  await importRegistry(db, SYSTEM_ACTOR, idCompetition, idRows);

  const smsResident = { name: "李小红", phone: "13800000002" };
  const smsCompetition = await competition("registry-sms", "名册投票(短信验证码核验)", "sms_code");
  await importRegistry(db, SYSTEM_ACTOR, smsCompetition, [
    { ...smsResident, communityId: chunhe },
    { name: "李小刚", phone: "13800000012", communityId: communityIds.get("杏园社区")! },
  ]);

  return {
    idNumber: { slug: "registry-id", competitionId: idCompetition, resident: idResident },
    smsCode: { slug: "registry-sms", competitionId: smsCompetition, resident: smsResident },
    projectTitles: PROJECTS.map((p) => p.title),
  };
}
