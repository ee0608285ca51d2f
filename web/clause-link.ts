/**
 * An RFC clause as the narrator writes it ("RFC 4724 §4.2", "RFC 4271 §6.7; RFC 8538 §3",
 * "RFC 5882 §4.3.1, §10.2") cut into text and links to the section on rfc-editor.org. A section
 * named after its RFC ("§10.2" after "RFC 5882") links into that RFC; implementation sources
 * ("FRR bgpd/bgp_fsm.c …") stay text.
 */
export interface ClausePart {
  readonly text: string;
  readonly href?: string;
}

const TOKEN = /RFC (\d{3,5})(?: §(\d+(?:\.\d+)*))?|§(\d+(?:\.\d+)*)/g;

export function rfcHref(rfc: string, section?: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}${section ? `#section-${section}` : ''}`;
}

export function clauseParts(clause: string): ClausePart[] {
  const out: ClausePart[] = [];
  let rfc: string | null = null;
  let at = 0;
  for (const m of clause.matchAll(TOKEN)) {
    const i = m.index ?? 0;
    // A new sentence part (after ';') starts without an RFC until it names one.
    if (clause.slice(at, i).includes(';')) rfc = null;
    if (i > at) out.push({ text: clause.slice(at, i) });
    if (m[1]) {
      rfc = m[1];
      out.push({ text: m[0], href: rfcHref(m[1], m[2]) });
    } else if (rfc) out.push({ text: m[0], href: rfcHref(rfc, m[3]) });
    else out.push({ text: m[0] });
    at = i + m[0].length;
  }
  if (at < clause.length) out.push({ text: clause.slice(at) });
  return out;
}
