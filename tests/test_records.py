"""``@record`` behaves as ``@dataclass`` does: the same class body made both ways, compared case by case."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from pccdesk.records import record


def _frozen(make):  # the same body under either decorator
    @make(frozen=True)
    class Point:
        """A frozen record with defaults of both kinds."""

        x: int
        label: str = ""
        tags: tuple[str, ...] = field(default_factory=tuple)
        note: str | None = None

    return Point


def _mutable(make):
    @make
    class Box:
        items: list[int] = field(default_factory=list)
        name: str = "box"

        def __post_init__(self) -> None:
            self.name = self.name.strip()

    return Box


FrozenDC, FrozenRec = _frozen(dataclass), _frozen(record)
MutableDC, MutableRec = _mutable(dataclass), _mutable(record)

# module level, so that pickle finds them
PickledRec = _frozen(record)
PickledRec.__qualname__ = "PickledRec"


@pytest.mark.parametrize("args, kwargs", [
    ((1,), {}),
    ((1, "a"), {}),
    ((1,), {"note": "n", "label": "b"}),
    ((), {"x": 2, "tags": ("t",)}),
    ((1, "a", ("t", "u"), "n"), {}),
])
def test_a_frozen_record_is_built_and_shown_as_the_dataclass_is(args, kwargs):
    dc, rec = FrozenDC(*args, **kwargs), FrozenRec(*args, **kwargs)
    assert repr(rec) == repr(dc)
    assert dataclasses.asdict(rec) == dataclasses.asdict(dc)
    assert vars(rec) == vars(dc) and list(vars(rec)) == list(vars(dc))  # the same attributes, in the same order
    assert hash(rec) == hash(FrozenRec(*args, **kwargs)) and hash(dc) == hash(rec)


@pytest.mark.parametrize("args, kwargs, message", [
    ((), {}, "missing 1 required positional argument: 'x'"),
    ((1, "a", (), None, 5), {}, "positional arguments but 6 were given"),
    ((1,), {"x": 2}, "got multiple values for argument 'x'"),
    ((1,), {"colour": "red"}, "got an unexpected keyword argument 'colour'"),
])
def test_wrong_arguments_are_refused_as_the_dataclass_refuses_them(args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        FrozenDC(*args, **kwargs)
    with pytest.raises(TypeError, match=message):
        FrozenRec(*args, **kwargs)


def test_equality_is_field_by_field_and_only_within_the_class():
    assert FrozenRec(1, "a") == FrozenRec(1, "a")
    assert FrozenRec(1, "a") != FrozenRec(1, "b")
    assert FrozenRec(1, "a") != FrozenDC(1, "a")  # another class with the same fields
    assert FrozenRec(1, "a") != (1, "a", (), None)  # never a tuple
    assert {FrozenRec(1), FrozenRec(1), FrozenRec(2)} == {FrozenRec(1), FrozenRec(2)}


def test_a_frozen_record_refuses_changes_as_a_frozen_dataclass_does():
    point = FrozenRec(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'x'"):
        del point.x  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.other = 1  # type: ignore[attr-defined]
    assert point.x == 1


def test_replace_fields_and_copies_work_on_a_record():
    point = FrozenRec(1, "a", ("t",))
    moved = dataclasses.replace(point, x=5)
    assert moved == FrozenRec(5, "a", ("t",)) and point.x == 1
    assert [f.name for f in dataclasses.fields(FrozenRec)] == [f.name for f in dataclasses.fields(FrozenDC)]
    assert dataclasses.is_dataclass(point)
    assert copy.deepcopy(point) == point and copy.copy(point) == point
    pickled = PickledRec(3, "p")
    assert pickle.loads(pickle.dumps(pickled)) == pickled


def test_each_default_factory_gives_each_instance_its_own_value_and_post_init_runs():
    first, second = MutableRec(), MutableRec(name="  named ")
    first.items.append(1)
    assert second.items == [] and second.name == "named"
    assert repr(MutableRec([1], " b ")) == repr(MutableDC([1], " b ")).replace(MutableDC.__qualname__,
                                                                               MutableRec.__qualname__)


def test_a_mutable_record_can_change_and_is_unhashable_as_a_dataclass_is():
    box = MutableRec()
    box.name = "other"
    assert box.name == "other" and box == MutableRec(name="other")
    with pytest.raises(TypeError, match="unhashable"):
        hash(box)
    with pytest.raises(TypeError, match="unhashable"):
        hash(MutableDC())


def test_a_record_that_contains_itself_shows_three_dots_the_second_time():
    box = MutableRec()
    box.items.append(box)  # type: ignore[arg-type]
    assert repr(box) == f"{MutableRec.__qualname__}(items=[...], name='box')"


def test_a_record_keeps_methods_its_class_writes_itself():
    @record(frozen=True)
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

        def __hash__(self) -> int:
            return 7

    assert repr(Named("a")) == "<a>" and hash(Named("a")) == 7 and Named("a") == Named("a")


def test_what_a_record_does_not_support_is_refused_when_the_class_is_made():
    with pytest.raises(TypeError, match="init=False"):
        @record
        class Hidden:
            shown: int
            hidden: int = field(default=0, init=False)

    with pytest.raises(TypeError, match="InitVar"):
        @record
        class WithInitVar:
            x: int
            seed: dataclasses.InitVar[int] = 0
