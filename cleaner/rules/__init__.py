"""Stage 3 — rules: boilerplate named as data (TOML files), loaded once, applied to units
(text rules) or to the parsed page (HTML rules).

- `model`: what a rule is, and the compiled `RuleSet` with its literal prefilter;
- `load`: the rule files, checked and compiled;
- `apply`: what each action does;
- `literals`: the literal strings a pattern needs, for the prefilter.
"""

from cleaner.rules.load import builtin_rules_dir, compile_rule, load_rules, parse_rule_file, rule_files
from cleaner.rules.model import ACTIONS, Rule, RuleError, RuleSet, RuleTimeout, host_of

__all__ = [
    "ACTIONS",
    "Rule",
    "RuleError",
    "RuleSet",
    "RuleTimeout",
    "builtin_rules_dir",
    "compile_rule",
    "host_of",
    "load_rules",
    "parse_rule_file",
    "rule_files",
]
