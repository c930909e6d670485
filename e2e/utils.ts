import { expect, test, type Page } from "@playwright/test";

const DEMO_PASSWORD = "huashan2026";

/**
 * The tag of the tests that also run on PostgreSQL (the "postgres" project in
 * playwright.config.ts). The HTTP integration suites drive every route on PostgreSQL; in a browser
 * it gets a smoke run: signing in, refusals, creating a user, a resident's SMS proof (the console
 * SMS driver) and the 资源清单 chain.
 */
export const PG_SMOKE = "@pg-smoke";

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
  tabletPortrait: { width: 800, height: 1280 },
  desktop: { width: 1440, height: 900 },
  projector: { width: 1920, height: 1080 },
} as const;

/** Signs in and waits until the app has left the login page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await submitLogin(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Fills and submits the login form without expecting success. */
export async function submitLogin(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/**
 * Full-page screenshot kept under test-results/screens for people to look at, taken only
 * when asked (E2E_SCREENSHOTS=1): they cost seconds each and nothing asserts on them.
 */
export async function snap(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== "1") return;
  const project = test.info().project.name;
  await page.screenshot({ path: `test-results/screens/${project}/${name}.png`, fullPage: true });
}
