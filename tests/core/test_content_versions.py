"""Which tables a write changes, read from its SQL, and when their versions move: at commit,
never for a transaction rolled back, whatever wrote (save, update, bulk insert, M2M, raw SQL)."""

import pytest
from django.db import connection, transaction

from conditions.models import Condition
from core import content_versions
from stories.models import PatientStory
from tests.factories import make_condition, make_story, make_treatment

CONDITIONS = "conditions_condition"
TRANSLATIONS = "conditions_condition_translation"


def versions(*tables):
    return content_versions.current_versions(tables)


@pytest.fixture
def condition(page_cache, transactional_db):
    return make_condition()


def test_a_write_outside_a_transaction_moves_the_version_at_once(condition):
    before = versions(CONDITIONS)
    Condition.objects.filter(pk=condition.pk).update(is_featured=True)
    assert versions(CONDITIONS) != before


def test_a_transaction_moves_the_versions_when_it_commits_not_before(condition):
    before = versions(CONDITIONS, TRANSLATIONS)
    with transaction.atomic():
        condition.set_current_language("en")
        condition.overview = "Changed."
        condition.save()
        assert versions(CONDITIONS, TRANSLATIONS) == before  # a page rendered now reads the old rows
    after = versions(CONDITIONS, TRANSLATIONS)
    assert after[CONDITIONS] != before[CONDITIONS] and after[TRANSLATIONS] != before[TRANSLATIONS]


def test_a_rolled_back_transaction_moves_nothing(condition):
    before = versions(CONDITIONS)
    with pytest.raises(RuntimeError), transaction.atomic():
        Condition.objects.filter(pk=condition.pk).update(is_featured=True)
        raise RuntimeError
    assert versions(CONDITIONS) == before


def test_a_write_after_a_rolled_back_savepoint_still_counts(condition):
    story_table = PatientStory._meta.db_table
    before = versions(CONDITIONS, story_table)
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            PatientStory.objects.filter(pk=0).update(country="RU")
            raise RuntimeError
        Condition.objects.filter(pk=condition.pk).update(is_featured=True)
    assert versions(CONDITIONS)[CONDITIONS] != before[CONDITIONS]


def test_bulk_inserts_m2m_links_and_raw_sql_count(condition):
    treatment = make_treatment()
    story = make_story(condition)
    links = PatientStory.treatments.through._meta.db_table
    before = versions(links, CONDITIONS)
    story.treatments.add(treatment)
    assert versions(links)[links] != before[links]
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{CONDITIONS}" SET "is_featured" = %s', [True])  # noqa: S608 - a constant
    assert versions(CONDITIONS)[CONDITIONS] != before[CONDITIONS]


def test_a_recording_holds_the_version_of_each_table_read_as_it_was_before_the_read(condition):
    before = versions(CONDITIONS)
    with content_versions.recording() as recorded:
        list(Condition.objects.filter(pk=condition.pk))
    assert recorded.snapshot.tables == before
    assert content_versions.confirmed(recorded.snapshot) is recorded.snapshot  # nothing written since
    Condition.objects.filter(pk=condition.pk).update(is_featured=True)
    assert content_versions.confirmed(recorded.snapshot) is None


def test_a_write_to_another_table_leaves_a_snapshot_current_and_one_read_away_again(condition):
    with content_versions.recording() as recorded:
        list(Condition.objects.filter(pk=condition.pk))
    make_treatment()
    again = content_versions.confirmed(recorded.snapshot)
    assert again is not None and again is not recorded.snapshot and again.tables == recorded.snapshot.tables
    assert content_versions.confirmed(again) is again


def test_tables_that_never_shape_a_page_have_no_version(condition, django_user_model):
    with content_versions.recording() as recorded:
        list(Condition.objects.filter(pk=condition.pk))
        list(django_user_model.objects.all())
    assert set(recorded.snapshot.tables) == {CONDITIONS}
    django_user_model.objects.create_user("someone")
    assert content_versions.confirmed(recorded.snapshot) is recorded.snapshot


def test_reads_outside_a_recording_cost_no_cache_lookups(condition, page_cache, monkeypatch):
    monkeypatch.setattr(content_versions, "current_versions", lambda tables: pytest.fail("looked up"))
    list(Condition.objects.all())
