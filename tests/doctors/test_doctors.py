"""Doctors' profiles, their filters and links both ways: stories, conditions, hospitals, reviews."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from doctors.models import Doctor
from tests.factories import make_condition, make_doctor, make_hospital, make_story, translate

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_a_profile_shows_only_what_staff_entered_and_no_ratings(client):
    hospital = make_hospital(name="Beijing Boren Hospital", slug="boren")
    doctor = make_doctor(name="Zhang Yajing", slug="zhang-yajing", title="Professor",
                         role="Leads a team at Beijing Boren Hospital", hospital=hospital)
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert "<h1>Professor Zhang Yajing</h1>" in html
    assert "Leads a team at Beijing Boren Hospital" in html and 'href="/en/hospitals/boren/"' in html
    for label in ("Education and career", "Clinical interests", "In their own words", "Specialties", "Languages"):
        assert label not in html
    assert "rating" not in html.lower() and "★" not in html
    entity = next(item for item in json_ld(html)["@graph"] if item["@type"] == "Physician")
    assert entity["name"] == "Zhang Yajing" and entity["hospitalAffiliation"]["name"] == "Beijing Boren Hospital"
    assert "image" not in entity


def test_own_words_are_shown_as_a_quotation_with_who_said_them(client):
    doctor = make_doctor(name="Su Li", title="Dr.", own_words="I explain every step to the family.")
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert re.search(r"<blockquote><p>I explain every step to the family.</p></blockquote><figcaption>— "
                     r"<span>Dr. Su Li</span></figcaption>", html)


def test_a_photo_needs_recorded_consent(client):
    from django.core.exceptions import ValidationError

    from tests.factories import image_bytes, uploaded_file

    doctor = make_doctor(slug="photographed")
    doctor.image = uploaded_file("doctor.jpg", image_bytes("JPEG", size=(900, 900)), "image/jpeg")
    doctor.image_alt = "The doctor in the ward"
    with pytest.raises(ValidationError) as error:
        doctor.full_clean()
    assert "photo_consent_on_file" in error.value.message_dict
    doctor.photo_consent_on_file = True
    doctor.full_clean()
    doctor.save()
    html = client.get(doctor.get_absolute_url()).content.decode()
    assert 'alt="The doctor in the ward"' in html and 'width="900"' in html
    Doctor.objects.filter(pk=doctor.pk).update(photo_consent_on_file=False)
    assert "The doctor in the ward" not in client.get(doctor.get_absolute_url()).content.decode()


def test_the_list_filters_by_condition_and_hospital(client):
    myeloma, mds = make_condition(slug="mm"), make_condition(slug="mds")
    boren, liquan = make_hospital(slug="boren"), make_hospital(slug="liquan")
    make_doctor(name="Zhang Yajing", conditions=[myeloma], hospital=boren)
    make_doctor(name="Su Li", conditions=[myeloma], hospital=liquan)
    make_doctor(name="Another Doctor", conditions=[mds], hospital=liquan)
    make_doctor(name="Draft Doctor", conditions=[myeloma], is_published=False)

    def names(query):
        html = client.get(reverse("doctors:list") + query).content.decode()
        return sorted(re.findall(r'<h3 class="card__title"><a [^>]*>(?:Dr\. )?([^<]+)</a>', html))

    assert names("") == ["Another Doctor", "Su Li", "Zhang Yajing"]
    assert names("?condition=mm") == ["Su Li", "Zhang Yajing"]
    assert names("?condition=mm&hospital=liquan") == ["Su Li"]
    assert names("?hospital=nowhere") == []


def test_a_second_spelling_of_a_name_finds_the_same_doctor():
    doctor = make_doctor(name="Su Li", aliases="Li Su, Su LI")
    assert list(Doctor.objects.named("Li Su")) == [doctor]
    assert list(Doctor.objects.named("su  li")) == [doctor]


def test_links_run_both_ways_between_stories_conditions_and_profiles(client):
    myeloma = make_condition(slug="mm", name="Multiple myeloma")
    doctor = make_doctor(name="Su Li", slug="su-li", conditions=[myeloma])
    story = make_story(myeloma, title="Mr. Wang's story", expert=doctor, expert_text="A short perspective.")
    story.doctors.set([doctor])
    story_html = client.get(story.get_absolute_url()).content.decode()
    assert story_html.count('href="/en/doctors/su-li/"') >= 2  # the expert and the doctors named
    profile = client.get(doctor.get_absolute_url()).content.decode()
    assert "Mr. Wang&#x27;s story" in profile and story.get_absolute_url() in profile
    condition_page = client.get(myeloma.get_absolute_url()).content.decode()
    assert 'href="/en/doctors/su-li/"' in condition_page and "Doctors who treat it" in condition_page


def test_the_reviewer_is_a_doctor_linked_from_the_page_and_its_json_ld(client):
    reviewer = make_doctor(name="Su Li", slug="su-li")
    condition = make_condition(reviewer=reviewer, last_reviewed=date(2026, 10, 1))
    html = client.get(condition.get_absolute_url()).content.decode()
    assert 'Medically reviewed by <a href="/en/doctors/su-li/">Dr. Su Li</a>' in html
    page = next(item for item in json_ld(html)["@graph"] if item["@type"] == "MedicalWebPage")
    assert page["reviewedBy"]["@type"] == "Physician" and page["reviewedBy"]["url"].endswith("/en/doctors/su-li/")


def test_in_chinese_the_title_follows_the_name():
    doctor = make_doctor(name="Zhang Yajing", title="Professor")
    translate(doctor, "zh-hans", name="Zhang Yajing", title="教授")
    doctor.set_current_language("zh-hans")
    from django.utils import translation

    with translation.override("zh-hans"):
        assert doctor.name_with_title == "Zhang Yajing 教授"


def test_profile_and_list_pages_take_the_same_queries_with_more_doctors(count_queries):
    myeloma = make_condition()
    first = make_doctor(conditions=[myeloma], hospital=make_hospital())
    make_story(myeloma, expert=first)
    counts = [count_queries(first.get_absolute_url()), count_queries(reverse("doctors:list"))]
    for _ in range(5):
        make_doctor(conditions=[myeloma], hospital=make_hospital())
        make_story(myeloma, expert=first).doctors.set([first])
    assert [count_queries(first.get_absolute_url()), count_queries(reverse("doctors:list"))] == counts
