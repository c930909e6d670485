import { describe, expect, it } from "vitest";
import { checkPublicUrl, hostProblem } from "./public-url";

describe("hostProblem: can a resident's phone open this address?", () => {
  it.each([
    "https://roadshow.huashan.gov.cn",
    "https://roadshow.example.cn/",
    "http://vote.example.com:8080",
    "http://203.0.113.7",
    "http://8.8.8.8:3000",
    "http://[2001:db8::1]",
    "http://[2400:3200::1]:8080",
    "http://172.32.0.1", // just outside 172.16/12
    "http://172.15.255.255",
    "http://11.0.0.1",
    "http://192.169.0.1",
  ])("%s is public", (url) => {
    expect(hostProblem(url)).toBeNull();
  });

  it.each([
    "http://127.0.0.1:3000",
    "http://127.8.9.10",
    "http://localhost:3000",
    "http://LOCALHOST",
    "http://app.localhost",
    "http://[::1]:3000",
    "http://0.0.0.0:3000",
    "http://2130706433", // 127.0.0.1 written as a number
    "http://0x7f.1",
  ])("%s is this machine only", (url) => {
    expect(hostProblem(url)).toBe("loopback");
  });

  it.each([
    "http://10.0.0.5",
    "http://10.255.255.255:8080",
    "http://172.16.0.1",
    "http://172.31.255.254",
    "http://192.168.1.20:3000",
    "http://169.254.10.1",
    "http://100.64.0.1", // carrier-grade NAT
    "http://[fd12:3456::1]",
    "http://[fe80::1]",
    "http://[::ffff:192.168.0.1]",
    "http://roadshow.local",
    "http://Roadshow.Local.",
    "http://roadshow-server:3000",
    "http://nas.lan",
  ])("%s is a private or local-network address", (url) => {
    expect(hostProblem(url)).toBe("private");
  });

  it.each(["not a url", "ftp://example.com", "javascript:alert(1)"])("%s is invalid", (url) => {
    expect(hostProblem(url)).toBe("invalid");
  });
});

describe("checkPublicUrl", () => {
  it("warns when PUBLIC_URL is unset, and uses the request's origin", () => {
    expect(checkPublicUrl(undefined, "https://roadshow.example.cn")).toEqual({
      origin: "https://roadshow.example.cn",
      problem: "unset",
    });
    expect(checkPublicUrl("  ", "http://127.0.0.1:3000").problem).toBe("unset");
  });

  it("uses PUBLIC_URL without its trailing slash", () => {
    expect(checkPublicUrl("https://vote.example.cn/", "http://127.0.0.1:3000")).toEqual({
      origin: "https://vote.example.cn",
      problem: null,
    });
  });

  it("flags a PUBLIC_URL that phones cannot reach", () => {
    expect(checkPublicUrl("http://192.168.1.5:3000", "http://x").problem).toBe("private");
    expect(checkPublicUrl("http://localhost:3000/", "http://x")).toEqual({
      origin: "http://localhost:3000",
      problem: "loopback",
    });
  });
});
