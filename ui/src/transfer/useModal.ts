import { useEffect, useRef, useState } from "react";

/**
 * Opens a <dialog> as a modal when it mounts (an open dialog where showModal is missing, as in
 * tests), and puts focus back where it was when it goes.
 */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  // Taken at the first render: by the time effects run, autoFocus has moved focus into the dialog.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === "function") d.showModal();
      else d.setAttribute("open", "");
    }
    return () => {
      // Only once the dialog has really gone (React's development re-run of effects keeps it).
      setTimeout(() => {
        if (!d?.isConnected && opener?.isConnected) opener.focus();
      });
    };
  }, [opener]);
  return ref;
}
