/** Marks a contact whose local changes are not on the server yet. */
export function PendingMarker() {
  return (
    <span className="pending-marker" title="Changed on this computer; goes to the server with the next sync">
      Not synced yet
    </span>
  );
}
