import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import { homeFromDataDir, rememberedFolder, suggestedFolder } from "./files";

export interface FileFolder {
  /** The folder to suggest files in; null until known. */
  folder: string | null;
  /** The user's home folder, for "~/..."; null when it cannot be told. */
  home: string | null;
}

/** The folder the import and export dialogs suggest, from the last one used or this installation's data folder. */
export function useFileFolder(): FileFolder {
  const call = useCall();
  const [found, setFound] = useState<FileFolder>({ folder: null, home: null });
  useEffect(() => {
    let current = true;
    call("app_info", {}).then(
      (info) => current && setFound({ folder: suggestedFolder(info.dataDir, rememberedFolder()), home: homeFromDataDir(info.dataDir) }),
      // Without the data folder the field starts empty and says what to type.
      () => current && setFound({ folder: rememberedFolder() ?? "", home: null }),
    );
    return () => {
      current = false;
    };
  }, [call]);
  return found;
}
