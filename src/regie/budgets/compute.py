"""Budget totals: pure computation over plain data, no database, no Django.

The engine takes a `BudgetInput` (globals, fringes, accounts and lines, exchange rates and the
bottom-line percentages) and returns a `BudgetResult` with every line, account, category and
bottom item. It is the only place totals are computed, so the top sheet, the exports and the
benchmark agree to the cent.

Where money is rounded (with `regie.core.formatting.round_money`, the one rounding rule):

- a line's subtotal: quantity * multiplier * rate * exchange rate, rounded to the cent;
- each fringe amount on a line, rounded to the cent;
- each bottom item (contingency, overhead, insurance, VAT), rounded to the cent.

Everything above a line is a sum of those rounded amounts, never rounded again: an account is the
sum of its lines, a category the sum of its accounts, the grand total the sum of the categories
and the bottom items. Quantities and globals are exact decimals, never rounded.

Bottom items: contingency on the direct costs (the sum of the categories); overhead (production
fee) on direct costs plus contingency; insurance on the direct costs; VAT on all of the above when
it is not recoverable (recoverable VAT is no cost to the production, so it counts as zero).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from regie.core.formatting import round_money

ZERO = Decimal(0)
HUNDRED = Decimal(100)
# Anything bigger than a thousand billion in one quantity or amount is a typing error.
LIMIT = Decimal(10) ** 12


# Errors. Each names what is wrong; the Django side turns them into translated messages.


class BudgetError(Exception):
    """A budget that cannot be computed; nothing may be saved that leads to one."""


@dataclass
class ExpressionSyntaxError(BudgetError):
    expression: str
    position: int

    def __str__(self) -> str:
        return f"cannot read {self.expression!r} at position {self.position + 1}"


@dataclass
class UnknownGlobalError(BudgetError):
    name: str

    def __str__(self) -> str:
        return f"unknown global {self.name}"


@dataclass
class CircularGlobalError(BudgetError):
    chain: tuple[str, ...]

    def __str__(self) -> str:
        return "global refers to itself: " + " → ".join(self.chain)


@dataclass
class DivisionByZeroError(BudgetError):
    expression: str

    def __str__(self) -> str:
        return f"division by zero in {self.expression!r}"


@dataclass
class MissingRateError(BudgetError):
    currency: str

    def __str__(self) -> str:
        return f"no exchange rate for {self.currency}"


@dataclass
class NegativeValueError(BudgetError):
    what: str
    value: Decimal

    def __str__(self) -> str:
        return f"{self.what} is negative ({self.value})"


@dataclass
class TooLargeError(BudgetError):
    what: str
    value: Decimal

    def __str__(self) -> str:
        return f"{self.what} is too large ({self.value})"


# Expressions: numbers, + - * /, parentheses and global names. Parsed by hand, never eval'ed.


@dataclass(frozen=True)
class _Num:
    value: Decimal


@dataclass(frozen=True)
class _Name:
    name: str


@dataclass(frozen=True)
class _Neg:
    operand: Node


@dataclass(frozen=True)
class _BinOp:
    op: str
    left: Node
    right: Node


Node = _Num | _Name | _Neg | _BinOp


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, position) for numbers, names and operators; raises on anything else."""
    tokens: list[tuple[str, str, int]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char.isdigit() or (char == "." and i + 1 < len(text) and text[i + 1].isdigit()):
            start = i
            while i < len(text) and (text[i].isdigit() or text[i] == "."):
                i += 1
            number = text[start:i]
            if number.count(".") > 1:
                raise ExpressionSyntaxError(text, start)
            tokens.append(("num", number, start))
        elif char.isascii() and (char.isalpha() or char == "_"):
            start = i
            while i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] == "_"):
                i += 1
            tokens.append(("name", text[start:i], start))
        elif char in "+-*/()":
            tokens.append(("op", char, i))
            i += 1
        else:
            raise ExpressionSyntaxError(text, i)
    return tokens


class _Parser:
    """Recursive descent: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
    unary := '-' unary | '+' unary | atom; atom := number | name | '(' sum ')'."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0

    def parse(self) -> Node:
        if not self.tokens:
            raise ExpressionSyntaxError(self.text, 0)
        node = self._sum()
        if self.i != len(self.tokens):
            raise ExpressionSyntaxError(self.text, self.tokens[self.i][2])
        return node

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _sum(self) -> Node:
        node = self._product()
        while (token := self._peek()) and token[1] in "+-" and token[0] == "op":
            self.i += 1
            node = _BinOp(token[1], node, self._product())
        return node

    def _product(self) -> Node:
        node = self._unary()
        while (token := self._peek()) and token[1] in "*/" and token[0] == "op":
            self.i += 1
            node = _BinOp(token[1], node, self._unary())
        return node

    def _unary(self) -> Node:
        token = self._peek()
        if token and token[0] == "op" and token[1] in "+-":
            self.i += 1
            operand = self._unary()
            return _Neg(operand) if token[1] == "-" else operand
        return self._atom()

    def _atom(self) -> Node:
        token = self._peek()
        if token is None:
            raise ExpressionSyntaxError(self.text, len(self.text))
        self.i += 1
        kind, text, position = token
        if kind == "num":
            return _Num(Decimal(text))
        if kind == "name":
            return _Name(text.upper())
        if text == "(":
            node = self._sum()
            closing = self._peek()
            if closing is None or closing[1] != ")":
                raise ExpressionSyntaxError(self.text, closing[2] if closing else len(self.text))
            self.i += 1
            return node
        raise ExpressionSyntaxError(self.text, position)


_PARSED: dict[str, Node] = {}


def parse(text: str) -> Node:
    """The expression's tree (cached: a budget repeats the same few quantities many times)."""
    node = _PARSED.get(text)
    if node is None:
        node = _Parser(text).parse()
        if len(_PARSED) < 100_000:
            _PARSED[text] = node
    return node


def names_in(text: str) -> set[str]:
    """The global names an expression uses (upper case)."""
    found: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, _Name):
            found.add(node.name)
        elif isinstance(node, _Neg):
            walk(node.operand)
        elif isinstance(node, _BinOp):
            walk(node.left)
            walk(node.right)

    walk(parse(text))
    return found


def _evaluate(node: Node, text: str, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, _Num):
        return node.value
    if isinstance(node, _Name):
        if node.name not in values:
            raise UnknownGlobalError(node.name)
        return values[node.name]
    if isinstance(node, _Neg):
        return -_evaluate(node.operand, text, values)
    left, right = _evaluate(node.left, text, values), _evaluate(node.right, text, values)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == ZERO:
        raise DivisionByZeroError(text)
    return left / right


def evaluate(text: str, values: Mapping[str, Decimal]) -> Decimal:
    """The value of an expression with the given global values."""
    try:
        return _evaluate(parse(text), text, values)
    except InvalidOperation as error:  # an overflow of the decimal context
        raise TooLargeError(text, ZERO) from error


def resolve_globals(expressions: Mapping[str, str]) -> dict[str, Decimal]:
    """The value of every global; globals may use other globals, never themselves (even indirectly)."""
    definitions = {name.upper(): text for name, text in expressions.items()}
    values: dict[str, Decimal] = {}
    visiting: list[str] = []

    def value_of(name: str) -> Decimal:
        if name in values:
            return values[name]
        if name in visiting:
            raise CircularGlobalError((*visiting[visiting.index(name) :], name))
        if name not in definitions:
            raise UnknownGlobalError(name)
        visiting.append(name)
        for used in sorted(names_in(definitions[name])):
            value_of(used)
        result = evaluate(definitions[name], values)
        _check_size(name, result)
        visiting.pop()
        values[name] = result
        return result

    for name in definitions:
        value_of(name)
    return values


def _check_size(what: str, value: Decimal) -> None:
    if abs(value) > LIMIT:
        raise TooLargeError(what, value)


# The budget.


class FringeBasis:
    PERCENT = "percent"  # a percentage of the line's subtotal
    PER_UNIT = "per_unit"  # a flat amount per unit (quantity * multiplier)
    PER_LINE = "per_line"  # a flat amount once per line


@dataclass(frozen=True)
class Fringe:
    key: object
    name: str
    basis: str
    value: Decimal


@dataclass(frozen=True)
class Line:
    key: object
    account: object
    quantity: str = "1"
    multiplier: str = "1"
    rate: Decimal = ZERO
    currency: str = ""
    fringes: tuple[object, ...] = ()
    phase: str = ""
    description: str = ""


@dataclass(frozen=True)
class Account:
    key: object
    category: object


@dataclass(frozen=True)
class BudgetInput:
    currency: str
    categories: Sequence[object] = ()
    accounts: Sequence[Account] = ()
    lines: Sequence[Line] = ()
    globals: Mapping[str, str] = field(default_factory=dict)
    fringes: Sequence[Fringe] = ()
    # Units of the budget's currency for one unit of each other currency.
    rates: Mapping[str, Decimal] = field(default_factory=dict)
    contingency_percent: Decimal = ZERO
    overhead_percent: Decimal = ZERO
    insurance_percent: Decimal = ZERO
    vat_percent: Decimal = ZERO
    vat_recoverable: bool = True


@dataclass(frozen=True)
class LineResult:
    quantity: Decimal
    multiplier: Decimal
    exchange_rate: Decimal
    subtotal: Decimal
    fringes: dict[object, Decimal]
    total: Decimal

    @property
    def fringe_total(self) -> Decimal:
        return sum(self.fringes.values(), ZERO)


@dataclass(frozen=True)
class BudgetResult:
    globals: dict[str, Decimal]
    lines: dict[object, LineResult]
    accounts: dict[object, Decimal]
    categories: dict[object, Decimal]
    fringes: dict[object, Decimal]
    phases: dict[str, Decimal]
    direct: Decimal
    contingency: Decimal
    overhead: Decimal
    insurance: Decimal
    vat: Decimal
    total: Decimal

    @property
    def bottom(self) -> Decimal:
        return self.contingency + self.overhead + self.insurance + self.vat


def line_result(
    line: Line, budget: BudgetInput, values: Mapping[str, Decimal], fringes: Mapping[object, Fringe]
) -> LineResult:
    """One line's amounts; raises a BudgetError naming what is wrong."""
    quantity = evaluate(line.quantity, values)
    multiplier = evaluate(line.multiplier, values)
    for what, value in (("quantity", quantity), ("multiplier", multiplier)):
        if value < ZERO:
            raise NegativeValueError(what, value)
        _check_size(what, value)
    _check_size("rate", abs(line.rate))
    currency = line.currency or budget.currency
    if currency == budget.currency:
        exchange_rate = Decimal(1)
    elif currency in budget.rates:
        exchange_rate = budget.rates[currency]
    else:
        raise MissingRateError(currency)
    units = quantity * multiplier
    subtotal = round_money(units * line.rate * exchange_rate)
    _check_size("line total", subtotal)
    amounts: dict[object, Decimal] = {}
    for key in line.fringes:
        fringe = fringes[key]
        if fringe.basis == FringeBasis.PERCENT:
            amounts[key] = round_money(subtotal * fringe.value / HUNDRED)
        elif fringe.basis == FringeBasis.PER_UNIT:
            amounts[key] = round_money(units * fringe.value)
        else:
            amounts[key] = round_money(fringe.value)
    total = subtotal + sum(amounts.values(), ZERO)
    return LineResult(quantity, multiplier, exchange_rate, subtotal, amounts, total)


def compute(budget: BudgetInput) -> BudgetResult:
    """Every total of the budget (see the module docstring for where rounding happens)."""
    values = resolve_globals(budget.globals)
    fringes = {fringe.key: fringe for fringe in budget.fringes}
    account_category = {account.key: account.category for account in budget.accounts}
    lines: dict[object, LineResult] = {}
    accounts: dict[object, Decimal] = {account.key: ZERO for account in budget.accounts}
    fringe_totals: dict[object, Decimal] = {fringe.key: ZERO for fringe in budget.fringes}
    phases: dict[str, Decimal] = {}
    for line in budget.lines:
        result = line_result(line, budget, values, fringes)
        lines[line.key] = result
        accounts[line.account] += result.total
        phases[line.phase] = phases.get(line.phase, ZERO) + result.total
        for key, amount in result.fringes.items():
            fringe_totals[key] += amount
    categories: dict[object, Decimal] = dict.fromkeys(budget.categories, ZERO)
    for key, amount in accounts.items():
        categories[account_category[key]] += amount
    direct = sum(categories.values(), ZERO)
    contingency = round_money(direct * budget.contingency_percent / HUNDRED)
    overhead = round_money((direct + contingency) * budget.overhead_percent / HUNDRED)
    insurance = round_money(direct * budget.insurance_percent / HUNDRED)
    vat = (
        ZERO
        if budget.vat_recoverable
        else round_money((direct + contingency + overhead + insurance) * budget.vat_percent / HUNDRED)
    )
    total = direct + contingency + overhead + insurance + vat
    return BudgetResult(
        values, lines, accounts, categories, fringe_totals, phases, direct, contingency, overhead, insurance, vat, total
    )


def check_lines(budget: BudgetInput, keys: Iterable[object]) -> None:
    """Compute only the named lines (and the globals): raises what a save of them would break."""
    values = resolve_globals(budget.globals)
    fringes = {fringe.key: fringe for fringe in budget.fringes}
    wanted = set(keys)
    for line in budget.lines:
        if line.key in wanted:
            line_result(line, budget, values, fringes)


def spreadsheet_formula(text: str, name_for: Callable[[str], str]) -> str:
    """The expression as a spreadsheet formula body (without “=”), with each global renamed by `name_for`.

    Every operation is parenthesised, so the spreadsheet's precedence rules cannot change its meaning.
    """

    def emit(node: Node) -> str:
        if isinstance(node, _Num):
            return str(node.value)
        if isinstance(node, _Name):
            return name_for(node.name)
        if isinstance(node, _Neg):
            return f"(-{emit(node.operand)})"
        return f"({emit(node.left)}{node.op}{emit(node.right)})"

    return emit(parse(text))
