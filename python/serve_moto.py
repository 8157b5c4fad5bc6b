"""Runs moto's server with narrow runtime fixes for event-driven tests (jest-eventbridge's emulator).

Usage: python3 serve_moto.py [--without-fixes] [moto_server arguments, e.g. -H 127.0.0.1 -p 5000]

moto 5 has two defects that set the pace and the reliability of an EventBridge test suite:

1. Every delivery to a target builds the default input template with eight JSONPath
   expressions, and ``jsonpath_ng.ext.parse`` builds a new parser (a PLY grammar) each time:
   about 30 ms per expression. Parsing is a pure function of the text, so it is memoized.
2. PutEvents loops over the bus's rules while it delivers, without a lock. A PutRule or
   DeleteRule on the same bus from another request meanwhile crashes the loop ("OrderedDict
   mutated during iteration"); the SDK retries the HTTP 500 and moto delivers again, under new
   event ids, what it had delivered before the crash. A queue deleted mid-delivery fails the
   whole put the same way. Here PutEvents and the calls that change a bus's rules and targets
   take one lock, and a target that cannot be reached is reported on stderr without failing
   the put: on AWS a failed delivery never fails PutEvents (it is retried and dead-lettered).

Each fix checks that the code it patches has the shape it was written for; where it does not
(another moto version), the server runs without that fix and one warning line says so.

Besides the fixes, one of AWS's limits that moto does not enforce: EventBridge's quota "Rules per
event bus" (300 by default). A PutRule of a new name on a bus that already holds that many rules
is refused as AWS refuses it (HTTP 400, LimitExceededException, "The requested resource exceeds
the maximum number allowed."); a PutRule that updates an existing rule is not. The limit is read
from JEST_EVENTBRIDGE_EMULATOR_RULES_PER_BUS (a whole number from 1, default 300), so a test can
start an emulator of its own with a low one. Like the fixes, it is left out by --without-fixes.

Exit codes before the server starts: 3 when moto (or its server extras) cannot be imported,
4 when moto's major version is not supported, 2 when JEST_EVENTBRIDGE_EMULATOR_RULES_PER_BUS is
not a whole number from 1. The message is on stderr.
"""

import functools
import inspect
import os
import re
import sys
import threading

SUPPORTED_MAJOR = 5
EXIT_BAD_SETTING = 2
EXIT_MISSING = 3
EXIT_UNSUPPORTED = 4
PREFIX = "jest-eventbridge emulator:"
RULES_PER_BUS_ENV = "JEST_EVENTBRIDGE_EMULATOR_RULES_PER_BUS"
# EventBridge's default for "Rules per event bus" (Service Quotas code L-244521F2).
DEFAULT_RULES_PER_BUS = 300


def _fail(code, message):
    sys.stderr.write(f"{PREFIX} {message}\n")
    sys.stderr.flush()
    sys.exit(code)


def _import_moto():
    try:
        import moto
    except ImportError as error:
        _fail(EXIT_MISSING, f"moto cannot be imported ({error}).")
    version = getattr(moto, "__version__", "unknown")
    try:
        major = int(version.split(".")[0])
    except ValueError:
        major = -1
    if major != SUPPORTED_MAJOR:
        _fail(
            EXIT_UNSUPPORTED,
            f"moto {version} is not supported; the emulator needs moto {SUPPORTED_MAJOR}.x.",
        )
    try:
        import moto.server  # noqa: F401  (needs the [server] extras: flask, werkzeug)
        import moto.events.models  # noqa: F401
        import moto.events.utils  # noqa: F401
    except ImportError as error:
        _fail(EXIT_MISSING, f"moto {version} is installed without its server extras ({error}).")
    return moto, version


def _source(function):
    """The function's source, or None where it cannot be read (moto installed without .py files)."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


def memoize_jsonpath_parse():
    """Returns None when applied, else why not."""
    try:
        import jsonpath_ng.ext as jsonpath_ext
    except ImportError:
        return "jsonpath_ng.ext cannot be imported"
    from moto.events.utils import EventTemplateParser

    original = getattr(jsonpath_ext, "parse", None)
    if not callable(original):
        return "jsonpath_ng.ext.parse is not a function"
    # The fix works because moto imports parse inside the function, at call time, from the
    # module attribute that is replaced here.
    source = _source(EventTemplateParser.parse)
    if source is None:
        return "the source of EventTemplateParser.parse cannot be read, so its shape cannot be checked"
    if "from jsonpath_ng.ext import parse" not in source:
        return "EventTemplateParser.parse no longer imports jsonpath_ng.ext.parse at call time"

    @functools.lru_cache(maxsize=4096)
    def parse_text(text):
        return original(text)

    @functools.wraps(original)
    def parse(path, *args, **kwargs):
        # Only the plain form is memoized; anything else (debug=True, non-text) goes through.
        if args or kwargs or not isinstance(path, str):
            return original(path, *args, **kwargs)
        return parse_text(path)

    jsonpath_ext.parse = parse
    return None


def serialize_rule_changes_with_puts():
    """Returns None when applied, else why not."""
    from moto.events.models import EventsBackend, Rule

    put_events = getattr(EventsBackend, "put_events", None)
    source = _source(put_events) if put_events is not None else ""
    if source is None:
        return "the source of EventsBackend.put_events cannot be read, so its shape cannot be checked"
    if "event_bus.rules.values()" not in source or ".send_to_targets(" not in source:
        return "EventsBackend.put_events no longer loops over event_bus.rules.values() delivering with send_to_targets"
    mutators = ["put_rule", "delete_rule", "put_targets", "remove_targets", "delete_event_bus"]
    missing = [name for name in mutators if not callable(getattr(EventsBackend, name, None))]
    if missing:
        return f"EventsBackend has no {', '.join(missing)}"
    if not callable(getattr(Rule, "send_to_targets", None)):
        return "Rule has no send_to_targets"

    # One lock for every bus of every account and region: a put can deliver to a bus of another
    # backend (an event-bus target), and re-entrance covers that nesting in one thread.
    lock = threading.RLock()

    def locked(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            with lock:
                return method(*args, **kwargs)

        return wrapper

    for name in ["put_events", *mutators]:
        setattr(EventsBackend, name, locked(getattr(EventsBackend, name)))

    send_to_targets = Rule.send_to_targets

    @functools.wraps(send_to_targets)
    def deliver_without_failing_the_put(self, *args, **kwargs):
        try:
            return send_to_targets(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001  (any delivery fault; AWS never fails the put)
            # A warning line: the launcher shows these to the user (a target moto cannot reach,
            # such as a Lambda function, would otherwise fail silently).
            sys.stderr.write(
                f"{PREFIX} warning: delivery to the targets of rule {getattr(self, 'name', '?')} failed "
                f"({type(error).__name__}: {error}); the put succeeds, as on AWS.\n"
            )
            return None

    Rule.send_to_targets = deliver_without_failing_the_put
    return None


def rules_per_bus_limit(env):
    """The limit RULES_PER_BUS_ENV sets in `env`, else the default; exits if not a whole number from 1."""
    text = env.get(RULES_PER_BUS_ENV, "").strip()
    if text == "":
        return DEFAULT_RULES_PER_BUS
    # ASCII digits only: str.isdigit() also takes superscripts, which int() refuses.
    if re.fullmatch(r"[0-9]+", text) is None or int(text) < 1:
        _fail(
            EXIT_BAD_SETTING,
            f"{RULES_PER_BUS_ENV} must be a whole number from 1 (rules per event bus), got {text!r}.",
        )
    return int(text)


def limit_rules_per_bus(limit):
    """Refuses a PutRule of a new name on a bus holding `limit` rules, as AWS does.

    Returns None when applied, else why not.
    """
    from moto.core.exceptions import JsonRESTError
    from moto.events.models import EventsBackend

    put_rule = getattr(EventsBackend, "put_rule", None)
    if not callable(put_rule):
        return "EventsBackend has no put_rule"
    try:
        signature = inspect.signature(put_rule)
    except (TypeError, ValueError):
        return "the signature of EventsBackend.put_rule cannot be read"
    if "name" not in signature.parameters or "event_bus_arn" not in signature.parameters:
        return "EventsBackend.put_rule no longer takes name and event_bus_arn"
    source = _source(put_rule)
    if source is None:
        return "the source of EventsBackend.put_rule cannot be read, so its shape cannot be checked"
    # The count is of event_bus.rules, so it must still be the dict, keyed by name, that put_rule fills.
    if "event_bus.rules[name] = rule" not in source:
        return "EventsBackend.put_rule no longer stores rules in event_bus.rules by name"
    if not callable(getattr(EventsBackend, "_normalize_event_bus_arn", None)) or not callable(
        getattr(EventsBackend, "_get_event_bus", None)
    ):
        return "EventsBackend has no _normalize_event_bus_arn or _get_event_bus"

    # The count and the insert must be one step, or two parallel PutRules could both take the last
    # slot; re-entrant for a put_rule that nests (none does today).
    lock = threading.RLock()

    @functools.wraps(put_rule)
    def limited_put_rule(self, *args, **kwargs):
        with lock:
            bound = signature.bind(self, *args, **kwargs)
            name = bound.arguments.get("name")
            try:
                bus_name = self._normalize_event_bus_arn(bound.arguments.get("event_bus_arn"))
                event_bus = self._get_event_bus(bus_name)
            except Exception:  # noqa: BLE001  (a missing bus: moto's own put_rule says so)
                event_bus = None
            rules = getattr(event_bus, "rules", None)
            if rules is not None and name not in rules and len(rules) >= limit:
                # AWS's answer, word for word: the SDK classifies the code (a throttling error to it).
                raise JsonRESTError(
                    "LimitExceededException",
                    "The requested resource exceeds the maximum number allowed.",
                )
            return put_rule(self, *args, **kwargs)

    EventsBackend.put_rule = limited_put_rule
    return None


FIXES = [
    ("JSONPath parses memoized", memoize_jsonpath_parse),
    ("PutEvents serialized with rule changes", serialize_rule_changes_with_puts),
]


def apply_fixes(version, wanted):
    applied, skipped = [], []
    for label, fix in FIXES if wanted else []:
        reason = fix()
        if reason is None:
            applied.append(label)
        else:
            skipped.append(f"{label}: {reason}")
    if skipped:
        sys.stderr.write(
            f"{PREFIX} warning: moto {version} runs without these fixes: {'; '.join(skipped)}.\n"
        )
    sys.stderr.write(f"{PREFIX} moto {version}, fixes applied: {', '.join(applied) or 'none'}.\n")
    sys.stderr.flush()


def apply_rules_per_bus_limit(version, wanted, env):
    """Enforces the limit unless moto runs as it ships; one line says which (a warning when it cannot)."""
    if not wanted:
        return
    limit = rules_per_bus_limit(env)
    reason = limit_rules_per_bus(limit)
    if reason is None:
        sys.stderr.write(
            f"{PREFIX} rules per event bus limited to {limit}, as on AWS ({RULES_PER_BUS_ENV}).\n"
        )
    else:
        sys.stderr.write(
            f"{PREFIX} warning: moto {version} runs without the rules-per-bus limit: {reason}.\n"
        )
    sys.stderr.flush()


def main():
    args = sys.argv[1:]
    wanted = "--without-fixes" not in args
    _, version = _import_moto()
    # Before the fixes: the serializing fix then wraps the limited put_rule in its lock too.
    apply_rules_per_bus_limit(version, wanted, os.environ)
    apply_fixes(version, wanted)
    from moto.server import main as serve

    serve([arg for arg in args if arg != "--without-fixes"])


if __name__ == "__main__":
    main()
