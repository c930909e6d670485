import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  bodyLimitFor,
  crossSiteRefused,
  handshakeRefused,
  type OriginFacts,
} from "./http-guards.server";

const post = (facts: Partial<OriginFacts>): OriginFacts => ({
  method: "POST",
  host: "roadshow.example.cn",
  protocol: "http",
  ...facts,
});

describe("crossSiteRefused (the CSRF rule)", () => {
  it.each<[string, Partial<OriginFacts>, string?]>([
    ["own origin", { origin: "http://roadshow.example.cn" }],
    [
      "own origin over https behind an untrusted TLS proxy",
      { origin: "https://roadshow.example.cn" },
    ],
    ["own origin with its port", { origin: "http://localhost:3000", host: "localhost:3000" }],
    [
      "default port spelled out in Host",
      { origin: "https://roadshow.example.cn", host: "roadshow.example.cn:443" },
    ],
    [
      "PUBLIC_URL's origin",
      { origin: "https://vote.example.cn", host: "10.0.0.5:3000" },
      "https://vote.example.cn/base",
    ],
    ["own Referer without Origin", { referer: "http://roadshow.example.cn/secretary?x=1" }],
    [
      "Sec-Fetch-Site same-origin",
      { origin: "http://roadshow.example.cn", secFetchSite: "same-origin" },
    ],
    ["Sec-Fetch-Site none (typed by the user)", { secFetchSite: "none" }],
    ["no browser headers at all (kiosk, script)", {}],
    ["a GET from anywhere", { method: "GET", origin: "http://evil.example" }],
  ])("allows %s", (_name, facts, publicUrl) => {
    expect(crossSiteRefused(post(facts), publicUrl)).toBe(false);
  });

  it.each<[string, Partial<OriginFacts>, string?]>([
    ["a foreign origin", { origin: "http://evil.example" }],
    ["a foreign origin on PUT", { method: "PUT", origin: "http://evil.example" }],
    ["a foreign origin on DELETE", { method: "delete", origin: "http://evil.example" }],
    ["a sibling subdomain", { origin: "http://evil.roadshow.example.cn" }],
    ["a suffix look-alike", { origin: "http://roadshow.example.cn.evil.example" }],
    ["another port", { origin: "http://roadshow.example.cn:8080" }],
    ["Origin null", { origin: "null" }],
    ["a garbled Origin", { origin: "http//" }],
    [
      "http when we know we are on https",
      { origin: "http://roadshow.example.cn", protocol: "https" },
    ],
    ["another scheme", { origin: "ftp://roadshow.example.cn" }],
    ["a foreign Referer", { referer: "https://evil.example/x" }],
    ["a garbled Referer", { referer: "::" }],
    ["Sec-Fetch-Site cross-site", { secFetchSite: "cross-site" }],
    ["Sec-Fetch-Site same-site", { secFetchSite: "same-site" }],
    [
      "own Origin but Sec-Fetch-Site cross-site",
      { origin: "http://roadshow.example.cn", secFetchSite: "cross-site" },
    ],
    ["an Origin but no Host", { origin: "http://roadshow.example.cn", host: undefined }],
    [
      "not PUBLIC_URL",
      { origin: "https://vote.example.cn.evil.example" },
      "https://vote.example.cn",
    ],
  ])("refuses %s", (_name, facts, publicUrl) => {
    expect(crossSiteRefused(post(facts), publicUrl)).toBe(true);
  });
});

describe("bodyLimitFor", () => {
  it("gives forms 1 MB and uploads their own caps", () => {
    expect(bodyLimitFor("/login")).toBe(1024 * 1024);
    expect(bodyLimitFor("/secretary/proposals/12/autosave")).toBe(1024 * 1024);
    expect(bodyLimitFor("/secretary/proposals/12/deck")).toBeGreaterThan(20 * 1024 * 1024);
    expect(bodyLimitFor("/secretary/proposals/12/deck")).toBeLessThan(21 * 1024 * 1024);
    expect(bodyLimitFor("/secretary/needs")).toBeGreaterThan(2 * 1024 * 1024);
    expect(bodyLimitFor("/admin/needs")).toBeLessThan(3 * 1024 * 1024);
    expect(bodyLimitFor("/admin/competitions/1/voting")).toBeGreaterThan(5 * 1024 * 1024);
  });
});

describe("handshakeRefused (socket.io handshakes follow the CSRF rule)", () => {
  const handshake = (headers: Record<string, string>) =>
    ({ headers, socket: {} }) as unknown as IncomingMessage;
  const config = { trustProxy: 0, publicUrl: undefined };

  it("lets our own pages and non-browser clients connect", () => {
    expect(handshakeRefused(handshake({ host: "roadshow.local:3000" }), config)).toBe(false);
    expect(
      handshakeRefused(
        handshake({ host: "roadshow.local:3000", origin: "http://roadshow.local:3000" }),
        config,
      ),
    ).toBe(false);
  });

  it("refuses another site, a null origin and a cross-site fetch", () => {
    const cases: Array<Record<string, string>> = [
      { host: "roadshow.local:3000", origin: "http://evil.example" },
      { host: "roadshow.local:3000", origin: "null" },
      { host: "roadshow.local:3000", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of cases)
      expect(handshakeRefused(handshake(headers), config), JSON.stringify(headers)).toBe(true);
  });

  it("accepts PUBLIC_URL's origin and a forwarded host only behind a trusted proxy", () => {
    const viaProxy = handshake({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "huashan.example.cn",
      "x-forwarded-proto": "https",
      origin: "https://huashan.example.cn",
    });
    expect(handshakeRefused(viaProxy, config)).toBe(true);
    expect(handshakeRefused(viaProxy, { trustProxy: 1, publicUrl: undefined })).toBe(false);
    expect(
      handshakeRefused(viaProxy, { trustProxy: 0, publicUrl: "https://huashan.example.cn" }),
    ).toBe(false);
  });
});
