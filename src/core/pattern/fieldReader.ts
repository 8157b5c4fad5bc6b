type Container = Readonly<Record<string, unknown>>;

/**
 * EventBridge matches on dot-joined names, so `{"a.b": 1}` in an event is the same field as
 * `{"a": {"b": 1}}`. Only consulted when the plain key is absent, to keep the common path one
 * property read.
 */
function gatherDotted(container: Container, prefix: string): Container | undefined {
  let gathered: Record<string, unknown> | undefined;
  for (const key in container) {
    if (key.startsWith(prefix)) {
      gathered ??= Object.create(null) as Record<string, unknown>;
      gathered[key.slice(prefix.length)] = container[key];
    }
  }
  return gathered;
}

/** Reads field `key` of an event object, as EventBridge sees it. */
export function fieldReader(key: string): (container: Container) => unknown {
  const prefix = `${key}.`;
  // Keys such as "constructor" must not find Object.prototype members in an event object.
  if (key in Object.prototype) {
    return (container) => (Object.hasOwn(container, key) ? container[key] : gatherDotted(container, prefix));
  }
  return (container) => {
    const value = container[key];
    return value !== undefined ? value : gatherDotted(container, prefix);
  };
}
