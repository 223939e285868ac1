import { useAppInfo } from "../api/appInfo";
import { homeFromDataDir, rememberedFolder, suggestedFolder } from "./files";

export interface FileFolder {
  /** The folder to suggest files in; null until known. */
  folder: string | null;
  /** The user's home folder, for "~/..."; null when it cannot be told. */
  home: string | null;
}

/** The folder the import and export dialogs suggest, from the last one used or this installation's data folder. */
export function useFileFolder(): FileFolder {
  const { info, error } = useAppInfo();
  if (info) return { folder: suggestedFolder(info.dataDir, rememberedFolder()), home: homeFromDataDir(info.dataDir) };
  // Without the data folder the field starts empty and says what to type.
  if (error) return { folder: rememberedFolder() ?? "", home: null };
  return { folder: null, home: null };
}
