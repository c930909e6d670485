import path from "node:path";
import { expect, test } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

/**
 * 规则试算 in a real browser: the street uploads a Pabulib file (equalshares.net's example 1),
 * sees the equal-shares selection and the greedy one beside it; a file that is not Pabulib is
 * refused beside the field in Chinese.
 */
const FIXTURE = path.resolve(import.meta.dirname, "fixtures/equalshares_example1.pb");

const selectedIds = async (page: import("@playwright/test").Page) =>
  (
    await page
      .locator('[data-testid="sandbox-row"][data-selected="1"] .font-mono')
      .allTextContents()
  ).sort();

for (const [size, viewport] of [
  ["desktop", VIEWPORTS.desktop],
  ["phone", VIEWPORTS.phone],
] as const) {
  test(`the street uploads a .pb and sees the equal-shares selection (${size})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await login(page, "admin");
    await page.goto("/admin/sandbox");
    await expect(page.getByRole("heading", { name: "规则试算" })).toBeVisible();

    // Not a Pabulib file: refused beside the field, nothing stored.
    await page.getByLabel("Pabulib .pb 文件").setInputFiles({
      name: "notes.pb",
      mimeType: "text/plain",
      buffer: Buffer.from("这不是 pb 文件"),
    });
    await page.getByRole("button", { name: "上传并试算" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "不是有效的 Pabulib 文件" }),
    ).toBeVisible();
    await expect(page.getByLabel("Pabulib .pb 文件")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Pabulib .pb 文件").setInputFiles(FIXTURE);
    await page.getByRole("button", { name: "上传并试算" }).click();
    await expect(page).toHaveURL(/\/admin\/sandbox\?id=\d+/);
    const result = page.getByTestId("sandbox-result");
    await expect(result).toBeVisible();

    await result.getByRole("link", { name: "均等份额法", exact: true }).click();
    await expect(page).toHaveURL(/rule=equal-shares$/);
    await expect.poll(() => selectedIds(page)).toEqual(["bike", "library", "playground"]);
    await expect(result).toContainText("每位投票人的份额 100.00");
    await snap(page, `sandbox-equal-shares-${size}`);

    await result.getByRole("link", { name: "按得票多少(贪心)" }).click();
    await expect.poll(() => selectedIds(page)).toEqual(["bike", "gym"]);
    await snap(page, `sandbox-greedy-${size}`);
  });
}
