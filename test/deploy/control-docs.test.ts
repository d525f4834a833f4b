import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { renderControlDocs } from '../../src/deploy/control-docs';
import { fakeCatalog, fakeControl } from './fixtures';

describe('renderControlDocs', () => {
  it('lists every shipped control in the table and gives each its own section with all four doc fields', () => {
    const markdown = renderControlDocs(catalog);
    for (const control of catalog) {
      expect(markdown).toContain(`| [\`${control.id}\`](#${control.id}) |`);
      expect(markdown).toContain(`\n## ${control.id}\n`);
      for (const field of [control.doc.why, control.doc.fix, control.doc.sideEffects, control.doc.exemptWhen]) {
        expect(field.trim().length, `${control.id} has an empty doc field`).toBeGreaterThan(0);
        expect(markdown).toContain(field);
      }
    }
  });

  it('states each control\'s resource types, default mode and the exact permissions it adds to the role', () => {
    const markdown = renderControlDocs(fakeCatalog);
    const section = markdown.slice(markdown.indexOf('\n## fake-site-tls\n'), markdown.indexOf('\n## fake-mysql-ssl\n'));
    expect(section).toContain('- Resource types: `Microsoft.Web/sites`, `Microsoft.Web/sites/slots`');
    expect(section).toContain('- Reads and patches: `config/web`');
    expect(section).toContain('- Default mode: report');
    expect(section).toContain('- Permissions: `Microsoft.Web/sites/config/read`, `Microsoft.Web/sites/config/write`, `Microsoft.Web/sites/slots/config/write`');
    expect(section).toContain('### Why\n\nWhy fake-site-tls matters for data in transit.');
    expect(section).toContain('### When to exempt\n\nWhen fake-site-tls may be exempted.');
  });

  it('keeps a title with a pipe from breaking the table', () => {
    const markdown = renderControlDocs([fakeControl({ id: 'fake-pipe', title: 'HTTPS | TLS' })]);
    expect(markdown).toContain('| HTTPS \\| TLS |');
  });

  it('says when a fix needs a restart and how to allow it', () => {
    const markdown = renderControlDocs([fakeControl({ id: 'fake-restart', fixNeedsRestart: true })]);
    expect(markdown).toContain('TRANSIT_WARDEN_ALLOW_RESTARTS=true');
  });
});
