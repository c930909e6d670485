/**
 * Delivery (任务清单) over HTTP against the real server: who may open and change which page; a
 * secretary posts progress with a photo (checked by its bytes, served publicly); the street pays
 * a tranche and is refused in words over the grant; the public page shows the numbers.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, users } from "../../db/schema";
import { getDelivery } from "../models/delivery.server";
import { Browser, loggedIn, publishedDemoShow, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let slug: string;
let delivery: { id: number; proposalId: number; communityId: number };
let ownSecretary: string;
let otherSecretary: string;

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

const as = (username: string) => loggedIn(server.url, username);

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  const show = await publishedDemoShow(server, {
    seed: "delivery-http",
    ballots: 20,
    stations: [],
  });
  ({ competitionId, slug } = show);
  delivery = show.delivered[0]!;
  const secs = await db.select().from(users).where(eq(users.role, "secretary"));
  ownSecretary = secs.find((u) => u.communityId === delivery.communityId)!.username;
  otherSecretary = secs.find((u) => u.communityId !== delivery.communityId)!.username;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

const streetPage = () => `/admin/competitions/${competitionId}/deliveries/${delivery.id}`;
const secretaryPage = () => `/secretary/deliveries/${delivery.id}`;

describe("delivery over HTTP", () => {
  it("guards every page: visitors log in, others' secretaries see nothing, observers only read", async () => {
    const anon = new Browser(server.url);
    expect((await anon.fetch(streetPage())).status).toBe(302);
    expect((await anon.fetch(secretaryPage())).status).toBe(302);
    const other = await as(otherSecretary);
    expect((await other.fetch(secretaryPage())).status).toBe(404);
    expect((await other.fetch(streetPage())).status).toBe(403);
    expect(
      (await other.post(secretaryPage(), { intent: "update", body: "x", happenedOn: "2026-12-01" }))
        .status,
    ).toBe(404);
    const observer = await as("observer");
    const page = await observer.fetch(streetPage());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("只读");
    expect((await observer.post(streetPage(), { intent: "done" })).status).toBe(403);
    const judge = await as("judge1");
    expect((await judge.fetch(`/admin/competitions/${competitionId}/deliveries`)).status).toBe(403);
    const admin = await as("admin");
    // The street does not post the community's progress.
    expect((await admin.fetch(secretaryPage())).status).toBe(403);
    // An intent no form sends is refused in words, nothing saved.
    const odd = await admin.post(streetPage(), { intent: "delete" });
    expect(odd.status).toBe(400);
  });

  it("a secretary posts progress with a photo; a fake photo is refused; the photo is public", async () => {
    const sec = await as(ownSecretary);
    const fake = new FormData();
    fake.set("intent", "update");
    fake.set("body", "假照片");
    fake.set("happenedOn", "2026-12-01");
    fake.append("photos", new Blob(["<html>not an image</html>"], { type: "image/png" }), "x.png");
    const refused = await sec.fetch(secretaryPage(), { method: "POST", body: fake });
    expect(refused.status).toBe(400);
    const form = new FormData();
    form.set("intent", "update");
    form.set("body", "健身器材已到场安装");
    form.set("happenedOn", "2026-12-01");
    form.append("photos", new Blob([PNG], { type: "image/png" }), "现场.png");
    const posted = await sec.fetch(secretaryPage(), { method: "POST", body: form });
    expect(posted.status, await posted.clone().text()).toBe(302);
    const d = (await getDelivery(server.services.db, delivery.id))!;
    expect(d.status).toBe("in_progress");
    expect(d.updates).toHaveLength(1);
    const photo = d.updates[0]!.photos[0]!;
    const served = await new Browser(server.url).fetch(`/files/${photo.sha256}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
  });

  it("the street pays a tranche, is refused in words over the grant; the public page shows it", async () => {
    const admin = await as("admin");
    const d = (await getDelivery(server.services.db, delivery.id))!;
    const grant = d.grants[0]!;
    const over = await admin.post(streetPage(), {
      intent: "pay",
      fundId: String(grant.fundId),
      amount: String(grant.grantedFen / 100 + 1),
      paidOn: "2026-12-02",
      note: "",
    });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain("delivery.refusals.overGrant");
    const paid = await admin.post(streetPage(), {
      intent: "pay",
      fundId: String(grant.fundId),
      amount: "1000.00",
      paidOn: "2026-12-02",
      note: "首笔",
    });
    expect(paid.status).toBe(302);
    const page = await (
      await new Browser(server.url).fetch(`/p/${slug}/${delivery.proposalId}`)
    ).text();
    expect(page).toContain("任务清单");
    expect(page).toContain("1,000.00");
    expect(page).toContain("健身器材已到场安装");
    const [row] = await server.services.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.id, delivery.id)));
    expect(row!.status).toBe("in_progress");
  });

  it("an over-size or wrong-type file is refused in Chinese beside its field; what was typed comes back, nothing saved", async () => {
    const sec = await as(ownSecretary);
    const before = (await getDelivery(server.services.db, delivery.id))!;
    // A PNG header and 21 MB after it: over the 20 MB a file may weigh.
    const big = new Blob([PNG, new Uint8Array(21 * 1024 * 1024)], { type: "image/png" });
    const update = new FormData();
    update.set("intent", "update");
    update.append("photos", big, "太大的照片.png");
    // The text comes after the file in this body: the parse goes on past the refused file.
    update.set("body", "第二批座椅已安装完毕");
    update.set("happenedOn", "2026-11-30");
    const refused = await sec.fetch(secretaryPage(), { method: "POST", body: update });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("“太大的照片.png”超过 20 MB");
    expect(page).toContain("第二批座椅已安装完毕");
    expect(page).toContain("2026-11-30");

    // The same through fetch (`?_data=`): the reply carries the refusal and the typed values.
    const again = new FormData();
    for (const [k, v] of update) again.append(k, v);
    const data = await sec.fetch(
      `${secretaryPage()}?_data=${encodeURIComponent("routes/secretary.deliveries.$deliveryId")}`,
      { method: "POST", body: again },
    );
    expect(data.status).toBe(400);
    const reply = (await data.json()) as {
      form: string;
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(reply.form).toBe("update");
    expect(reply.result.error.photos?.[0]).toContain("delivery.uploads.tooLarge");
    expect(reply.result.initialValue).toMatchObject({
      body: "第二批座椅已安装完毕",
      happenedOn: "2026-11-30",
    });

    // Spending with an over-size receipt, then with a receipt that is no photo or PDF.
    const line = before.budgetLines[0]!;
    const spend = (receipt: Blob, name: string) => {
      const f = new FormData();
      f.set("intent", "spend");
      f.set("budgetLineId", String(line.id));
      f.set("amount", "1,234.56");
      f.set("spentOn", "2026-11-29");
      f.set("description", "购买户外长椅六张");
      f.append("receipt", receipt, name);
      return sec.fetch(secretaryPage(), { method: "POST", body: f });
    };
    for (const [receipt, name, words] of [
      [big, "发票.png", "“发票.png”超过 20 MB"],
      [
        new Blob(["just text"], { type: "application/pdf" }),
        "发票.pdf",
        "“发票.pdf”不是 PNG/JPEG/WebP 照片或 PDF 文件",
      ],
    ] as const) {
      const res = await spend(receipt, name);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(words);
      expect(html).toContain("购买户外长椅六张");
      expect(html).toContain("1,234.56");
      expect(html).toContain("2026-11-29");
    }

    const after = (await getDelivery(server.services.db, delivery.id))!;
    expect(after.updates).toHaveLength(before.updates.length);
    expect(after.spending).toHaveLength(before.spending.length);
  });
});
