"""The one rule about reporting lines: walking up from anyone's manager must end, never loop.

Pure (no database): the chain is walked through `manager_of`, which the caller backs with the
database (`Person.check_manager`) or with the database and a file laid over it (the people
import). The HR pages, the API, `Person.clean` and the import all refuse a loop through
`check_manager`, with the same words.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError

ManagerOf = Callable[[str], "str | None"]  # employee id → their manager's employee id


def reporting_loop(employee_id: str, manager_id: str, manager_of: ManagerOf) -> list[str] | None:
    """The chain from `manager_id` upwards that comes back to `employee_id`, or None."""
    chain: list[str] = []
    seen: set[str] = set()
    boss: str | None = manager_id
    while boss is not None and boss not in seen:
        chain.append(boss)
        if boss == employee_id:
            return chain
        seen.add(boss)
        boss = manager_of(boss)
    return None


def check_manager(employee_id: str, manager_id: str | None, manager_of: ManagerOf) -> None:
    """Raise ValidationError({"manager": …}) when `manager_id` may not manage `employee_id`:
    themselves, or someone who reports to them (the message shows the loop)."""
    if not manager_id:
        return
    if manager_id == employee_id:
        raise ValidationError({"manager": "a person cannot be their own manager"})
    chain = reporting_loop(employee_id, manager_id, manager_of)
    if chain:
        loop = " → ".join([employee_id, *chain])
        raise ValidationError({"manager": f"this manager would create a reporting cycle: {loop}"})
