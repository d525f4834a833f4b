import { describe, expect, it } from 'vitest';
import { evaluateString, Unresolved, type ExpressionScope, type TemplateValue } from '../../src/templates/expression';

const scope = (parameters: Record<string, TemplateValue> = {}, variables: Record<string, TemplateValue> = {}, copyIndex?: number): ExpressionScope => ({
  copyIndex,
  parameter: (name) => parameters[name] ?? new Unresolved(`parameters('${name}')`, 'no value'),
  variable: (name) => variables[name] ?? new Unresolved(`variables('${name}')`, 'none'),
});

describe('template expressions', () => {
  it('leaves plain strings alone and reads [[ as a literal bracket', () => {
    expect(evaluateString('1.2', scope())).toBe('1.2');
    expect(evaluateString('[[not an expression]', scope())).toBe('[not an expression]');
  });

  it('evaluates parameters, variables, concat, format, case, if, equals, and/or/not, bool, int, coalesce', () => {
    const s = scope({ name: 'app', tls: '1.2', on: true, n: 3 }, { suffix: '-web' });
    expect(evaluateString("[concat(parameters('name'), variables('suffix'))]", s)).toBe('app-web');
    expect(evaluateString("[format('{0}/{1}', parameters('name'), 'web')]", s)).toBe('app/web');
    expect(evaluateString("[toUpper(parameters('name'))]", s)).toBe('APP');
    expect(evaluateString("[if(parameters('on'), 'Disabled', 'AllAllowed')]", s)).toBe('Disabled');
    expect(evaluateString("[equals(parameters('tls'), '1.2')]", s)).toBe(true);
    expect(evaluateString("[and(true(), not(false()))]", s)).toBe(true);
    expect(evaluateString("[or(false(), bool('True'))]", s)).toBe(true);
    expect(evaluateString("[int('42')]", s)).toBe(42);
    expect(evaluateString("[coalesce(null(), 'x')]", s)).toBe('x');
    expect(evaluateString("[createObject('a', parameters('n')).a]", s)).toBe(3);
    expect(evaluateString("[createArray('x', 'y')[1]]", s)).toBe('y');
    expect(evaluateString("['it''s']", s)).toBe("it's");
  });

  it('counts copyIndex() from the loop, with an offset', () => {
    expect(evaluateString("[format('st{0}', copyIndex(1))]", scope({}, {}, 2))).toBe('st3');
    expect(evaluateString('[copyIndex()]', scope())).toBeInstanceOf(Unresolved);
  });

  it('keeps what depends on the deployment unresolved, naming the expression and a stand-in text', () => {
    const value = evaluateString("[format('{0}/web', parameters('site'))]", scope());
    expect(value).toBeInstanceOf(Unresolved);
    const unresolved = value as Unresolved;
    expect(unresolved.expression).toBe("format('{0}/web', parameters('site'))");
    expect(unresolved.standIn).toBe("{parameters('site')}/web");
    const location = evaluateString('[resourceGroup().location]', scope()) as Unresolved;
    expect(location.why).toMatch(/depends on the deployment/);
    // A deciding operand settles and/or even when the other is unknown; otherwise unknown.
    expect(evaluateString("[and(false(), parameters('x'))]", scope())).toBe(false);
    expect(evaluateString("[or(parameters('x'), true())]", scope())).toBe(true);
    expect(evaluateString("[if(parameters('x'), 'a', 'b')]", scope())).toBeInstanceOf(Unresolved);
  });

  it('refuses an expression that does not parse, with a code', () => {
    expect(() => evaluateString("[concat('a']", scope())).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => evaluateString("['unterminated]", scope())).toThrow(/unterminated string/);
    expect(() => evaluateString("[parameters('a') parameters('b')]", scope())).toThrow(/after the expression/);
  });
});
