// Writes a profile in speedscope's or Chrome's format off the main thread: a profile of a
// million call paths makes a JSON file of tens of megabytes.
import * as Comlink from "comlink";
import { buildProfile } from "../../sandbox/profile/build";
import { toCpuProfile, toSpeedscope } from "../../sandbox/profile/export";
import type { ProfileColumns } from "../../sandbox/types";

export type ProfileFormat = "speedscope" | "cpuprofile";

const api = {
  toFile(columns: ProfileColumns, format: ProfileFormat, name: string): Blob {
    const profile = buildProfile(columns);
    const data = format === "speedscope" ? toSpeedscope(profile, name) : toCpuProfile(profile);
    return new Blob([JSON.stringify(data)], { type: "application/json" });
  },
};

export type ProfileExportApi = typeof api;

Comlink.expose(api);
