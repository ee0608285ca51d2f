/**
 * The parameter form. Built once per scenario (so typing never loses focus); values and errors
 * are refreshed in place. Each field shows the loader's message for its own path beside it.
 */
import { el } from '../dom.js';
import { displayValue, durationUnit, type Field, fieldsFor, getIn, parseInput } from './scenario-fields.js';

export interface ScenarioForm {
  readonly fields: readonly Field[];
  /** Shows these values and errors (general errors go below the form). */
  update(json: unknown, byField: ReadonlyMap<string, readonly string[]>): void;
}

export function buildScenarioForm(
  host: HTMLElement,
  json: unknown,
  onEdit: (field: Field, value: unknown) => void,
): ScenarioForm {
  const fields = fieldsFor(json);
  const controls = new Map<
    string,
    { input: HTMLInputElement | HTMLSelectElement; error: HTMLElement; field: Field; showUnit: () => void }
  >();
  const groups = new Map<string, HTMLElement>();
  for (const f of fields) {
    let g = groups.get(f.group);
    if (!g) {
      g = el('fieldset', { class: 'group' }, el('legend', {}, f.group));
      groups.set(f.group, g);
    }
    const id = `f-${f.path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'text') {
      input = el('input', {
        id,
        type: 'text',
        autocomplete: 'off',
        placeholder: f.hint ?? 'default',
        spellcheck: 'false',
      });
    } else {
      const opts = f.kind === 'bool' ? ['true', 'false'] : (f.options ?? []);
      input = el(
        'select',
        { id },
        el('option', { value: '' }, 'default'),
        ...opts.map((o) => el('option', { value: o }, f.kind === 'bool' ? (o === 'true' ? 'on' : 'off') : o)),
      );
    }
    // A duration says its unit beside the box: a bare "300" is 300 s, "300ms" is 0.3 s.
    const unit = f.duration
      ? el('span', {
          class: 'unit',
          id: `${id}-unit`,
          title: 'a bare number is seconds; or write 300ms, 90s, 10m, 2h, 1d',
        })
      : null;
    const showUnit = () => {
      if (unit) unit.textContent = durationUnit(input.value);
    };
    input.addEventListener(f.kind === 'text' ? 'input' : 'change', () => {
      showUnit();
      onEdit(f, parseInput(f.kind, input.value));
    });
    const error = el('div', { class: 'field-error', role: 'alert', 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', unit ? `${id}-unit ${id}-err` : `${id}-err`);
    error.id = `${id}-err`;
    const box = unit ? el('span', { class: 'with-unit' }, input, unit) : input;
    g.append(el('div', { class: 'field', 'data-field': f.path }, el('label', { for: id }, f.label), box, error));
    controls.set(f.path, { input, error, field: f, showUnit });
  }
  host.replaceChildren(...groups.values());
  const form: ScenarioForm = {
    fields,
    update(current, byField) {
      for (const [path, c] of controls) {
        const v = displayValue(getIn(current, c.field.keys));
        if (document.activeElement !== c.input && c.input.value !== v) c.input.value = v;
        c.showUnit();
        const msgs = byField.get(path) ?? [];
        c.error.textContent = msgs.join('; ');
        c.input.toggleAttribute('aria-invalid', msgs.length > 0);
        c.input.closest('.field')?.classList.toggle('invalid', msgs.length > 0);
      }
    },
  };
  form.update(json, new Map());
  return form;
}
