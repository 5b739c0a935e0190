// A person's picture from the network, or the first letter of their name when they have none.
export function ActorAvatar({
  person,
  size = 40,
}: {
  person: { displayName: string; handle: string; avatarUrl?: string | null };
  size?: number;
}) {
  const initial = (person.displayName || person.handle).trim().charAt(0).toUpperCase();
  return person.avatarUrl ? (
    <img className="lists-avatar" src={person.avatarUrl} alt="" width={size} height={size} />
  ) : (
    <span
      className="lists-avatar lists-avatar-initial"
      style={{ width: size, height: size }}
      aria-hidden="true"
    >
      {initial}
    </span>
  );
}
