import { expect, test } from "@playwright/test";
import { login, logout, PG_SMOKE, snap, submitLogin, VIEWPORTS } from "./utils";

const ROLES = [
  { username: "admin", home: "/admin", label: "街道管理员", heading: "您好,花山街道管理员" },
  { username: "sec-xingyuan", home: "/secretary", label: "社区书记", heading: "您好,王杏芳" },
  { username: "judge1", home: "/judge", label: "评委", heading: "您好,陈立新" },
  { username: "clerk1", home: "/clerk", label: "计票员", heading: "您好,计票员甲" },
  { username: "observer", home: "/observer", label: "监督员", heading: "您好,监督员" },
];

for (const role of ROLES) {
  const tag = role.username === "admin" ? [PG_SMOKE] : [];
  test(`${role.label} logs in, lands on their home and logs out`, { tag }, async ({ page }) => {
    await login(page, role.username);
    await expect(page).toHaveURL(role.home);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(role.heading);
    await expect(page.getByTestId("current-user")).toContainText(role.label);
    await logout(page);
    await page.goto(role.home);
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
  });
}

test(
  "a wrong password shows a clear message and keeps the username",
  { tag: PG_SMOKE },
  async ({ page }) => {
    await submitLogin(page, "judge2", "not-the-password");
    await expect(page.getByRole("alert")).toHaveText("用户名或密码不正确");
    await expect(page.getByLabel("用户名")).toHaveValue("judge2");
    await expect(page).toHaveURL(/\/login/);
  },
);

test("a secretary opening an admin page gets 403", { tag: PG_SMOKE }, async ({ page }) => {
  await login(page, "sec-chunhe");
  await expect(page).toHaveURL("/secretary");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});

test("a visitor is sent to login and back to the page asked for", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL("/login?redirectTo=%2Faudit");
  await page.getByLabel("用户名").fill("observer");
  await page.getByLabel("密码").fill("huashan2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL("/audit");
  await page.getByRole("button", { name: "核验哈希链" }).click();
  await expect(page.getByRole("status")).toContainText("哈希链完整");
});

test(
  "the street admin creates a user who can then sign in",
  { tag: PG_SMOKE },
  async ({ page, browser }) => {
    await login(page, "admin");
    await page.goto("/admin/users/new");
    await page.getByLabel("用户名").fill("judge-e2e");
    await page.getByLabel("姓名").fill("测试评委");
    await page.getByLabel("角色").selectOption("secretary");
    await page.getByLabel("初始密码").fill("e2e-password");
    await page.getByRole("button", { name: "新建用户" }).click();
    // A secretary needs a community: the error shows beside the field and nothing typed is lost.
    await expect(page.getByText("社区书记必须选择所属社区")).toBeVisible();
    await expect(page.getByLabel("姓名")).toHaveValue("测试评委");
    await page.getByLabel("角色").selectOption("judge");
    await page.getByRole("button", { name: "新建用户" }).click();
    await expect(page).toHaveURL("/admin/users");
    await expect(page.getByRole("status")).toContainText("已创建用户 judge-e2e");

    const other = await browser.newPage();
    await login(other, "judge-e2e", "e2e-password");
    await expect(other).toHaveURL("/judge");
    await other.close();
  },
);

test("pages read well on a phone, a tablet and a desktop", async ({ page }) => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto("/");
    await snap(page, `landing-${name}`);
    await page.goto("/login");
    await snap(page, `login-${name}`);
  }
  await login(page, "admin");
  await expect(page).toHaveURL("/admin");
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto("/admin");
    await snap(page, `admin-home-${name}`);
    await page.goto("/admin/users");
    await snap(page, `admin-users-${name}`);
    // Nothing may overflow the viewport horizontally.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `horizontal overflow at ${name}`).toBeLessThanOrEqual(0);
  }
});
