/** Tiny DOM builder. Text always goes through textContent: scenario names are untrusted input. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

export function byId<T extends HTMLElement | SVGElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is missing from index.html`);
  return e as unknown as T;
}

/** Sets text only when it differs: rewriting equal text still makes the browser lay the page out again. */
export function setText(e: HTMLElement, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

/**
 * Property writes that touch the element only when the value differs: a scrub re-renders every
 * frame, and an unchanged `hidden`, `title` or `value` written again still invalidates style.
 */
export function setProp<E extends HTMLElement, K extends 'hidden' | 'disabled' | 'title' | 'value'>(
  e: E,
  key: K & keyof E,
  value: E[K & keyof E],
): void {
  if (e[key] !== value) e[key] = value;
}
