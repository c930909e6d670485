import { expect, test } from "@playwright/test";
import { login, logout, PG_SMOKE, snap, VIEWPORTS } from "./utils";

/**
 * 资源清单 in a real browser, on the demo seed's proposal-phase data: the merchant partner claims
 * a need of 橘园社区 (which no other spec touches), the secretary of 橘园 confirms it and links it
 * to the community's proposal, and the public proposal page shows need → resource → project.
 */
test(
  "a merchant claims a need, the secretary confirms and links it, the public page shows the chain",
  { tag: PG_SMOKE },
  async ({ page }) => {
    const need = "高空抛物隐患";
    await login(page, "partner-shop");
    await expect(page).toHaveURL(/\/partner$/);
    await expect(page.getByRole("heading", { name: "花山便民五金维修店" })).toBeVisible();
    await snap(page, "partner-home-desktop");

    await page.getByRole("link", { name: "认领需求" }).first().click();
    await expect(page).toHaveURL(/\/partner\/needs$/);
    const card = page.locator("section", { hasText: need });
    await card.locator("summary", { hasText: "认领" }).click();
    const form = card.locator("form");
    await form.getByLabel("折合价值(元)").fill("800");
    await form.getByLabel("说明").fill("公共部位加装防坠网,人工免费");
    await page.setViewportSize(VIEWPORTS.phone);
    await snap(page, "partner-claim-phone");
    await page.setViewportSize(VIEWPORTS.desktop);
    await form.getByRole("button", { name: "认领" }).click();
    await expect(page).toHaveURL(/\/partner$/);
    const mine = page.locator("li", { hasText: need });
    await expect(mine).toContainText("待确认");
    await expect(mine).toContainText("800.00");
    await logout(page);

    await login(page, "sec-juyuan");
    await page.goto("/secretary/resources");
    const claim = page.locator("li", { hasText: need });
    await expect(claim).toContainText("花山便民五金维修店");
    const select = claim.getByLabel("关联微项目");
    const proposalId = await select.locator("option").nth(1).getAttribute("value");
    await select.selectOption(proposalId!);
    await page.setViewportSize(VIEWPORTS.phone);
    await snap(page, "secretary-resources-phone");
    await page.setViewportSize(VIEWPORTS.desktop);
    await claim.getByRole("button", { name: "确认认领" }).click();
    await expect(page.locator("li", { hasText: need })).toContainText("已确认");
    await snap(page, "secretary-resources-desktop");
    await page.goto("/resources/match");
    await expect(page.getByRole("heading", { name: "需求对接" })).toBeVisible();
    await snap(page, "match-desktop");
    await logout(page);

    await page.goto(`/p/huashan-2026/${proposalId}`);
    const chain = page.getByTestId("resource-chain");
    await expect(chain).toContainText(need);
    await expect(chain).toContainText("花山便民五金维修店");
    await expect(chain).toContainText("800.00");
    await expect(page.locator("body")).not.toContainText("13871000001");
    await page.setViewportSize(VIEWPORTS.phone);
    await snap(page, "public-chain-phone");
  },
);
