// The page's side of the profile export worker: one worker, made on the first export.
import * as Comlink from "comlink";
import type { ProfileColumns } from "../../sandbox/types";
import { downloadBlob } from "../drafts/download";
import type { ProfileExportApi, ProfileFormat } from "./profile-export.worker";

export type { ProfileFormat };

let worker: Comlink.Remote<ProfileExportApi> | null = null;

export const PROFILE_FILE_NAMES: Record<ProfileFormat, string> = {
  speedscope: "profile.speedscope.json",
  cpuprofile: "profile.cpuprofile",
};

/** Writes the profile in the format and offers it as a download. */
export async function exportProfile(columns: ProfileColumns, format: ProfileFormat): Promise<void> {
  worker ??= Comlink.wrap<ProfileExportApi>(
    new Worker(new URL("./profile-export.worker.ts", import.meta.url), { type: "module" }),
  );
  const blob = await worker.toFile(columns, format, "fuel");
  downloadBlob(PROFILE_FILE_NAMES[format], blob);
}
