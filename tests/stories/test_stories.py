"""Patient stories: consent before publishing, filters, pages and photos."""

import io
import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.urls import reverse
from lxml import html as lxml_html
from PIL import Image

from stories.models import PatientStory, StoryQuestion, StorySection, Voice
from tests.factories import (
    camera_exif,
    image_bytes,
    make_condition,
    make_doctor,
    make_story,
    make_treatment,
    uploaded_file,
)

pytestmark = pytest.mark.django_db

CAR_T = '<span class="nowrap">CAR-T</span>'  # as pages show it: never broken across lines


def test_story_without_consent_cannot_be_published(myeloma):
    story = make_story(myeloma, consent_on_file=False, is_published=False)
    story.is_published = True
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "written consent" in str(error.value.message_dict["is_published"])
    with pytest.raises(IntegrityError):
        PatientStory.objects.filter(pk=story.pk).update(is_published=True)


def test_withdrawing_consent_unpublishes_the_story(client, myeloma):
    story = make_story(myeloma)
    assert client.get(story.get_absolute_url()).status_code == 200
    story.consent_on_file = False
    story.save()
    story.refresh_from_db()
    assert not story.is_published
    assert client.get(story.get_absolute_url()).status_code == 404


def test_consent_needs_date_and_scope(myeloma):
    story = make_story(myeloma, consent_scope="", consent_date=None)
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert {"consent_scope", "consent_date"} <= set(error.value.message_dict)


def test_admin_explains_why_a_story_cannot_be_published(staff_client, myeloma):
    story = make_story(myeloma, consent_on_file=False, is_published=False, consent_scope="")
    url = reverse("admin:stories_patientstory_change", args=[story.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    form = {
        "title": story.title, "slug": story.slug, "summary": story.summary, "display_name": "Yuri",
        "country": "RU", "condition": myeloma.pk, "outcome": "cr", "is_published": "on",
        "sections-TOTAL_FORMS": 0, "sections-INITIAL_FORMS": 0,
        "questions-TOTAL_FORMS": 0, "questions-INITIAL_FORMS": 0,
    }
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert "cannot be published until written consent is recorded" in response.content.decode()
    story.refresh_from_db()
    assert not story.is_published


def test_draft_story_is_404_for_public_and_previewable_by_staff(client, staff_client, myeloma):
    story = make_story(myeloma, is_published=False)
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Draft preview" in staff_client.get(story.get_absolute_url()).content.decode()


def test_story_page_shows_facts_sections_qa_expert_and_disclaimer(client, myeloma):
    treatment = make_treatment(name="CAR-T cell therapy")
    story = make_story(
        myeloma, [treatment], sections=2, questions=2, display_name="Mr. Wang", name_is_pseudonym=True,
        age_at_treatment=73, country="CN", outcome="vgpr", outcome_timing="over four months after CAR-T",
        expert_name="Dr. Su Li", expert_role="Director of Hematology", expert_text="A high-risk patient.",
    )
    html = client.get(story.get_absolute_url()).content.decode()
    for text in ("Mr. Wang", "pseudonym", "73", "China", "Multiple myeloma", f"{CAR_T} cell therapy",
                 "Very good partial response (VGPR)", f"over four months after {CAR_T}", "Part 0", "Part 1",
                 "Q0?", "Q1?", "Expert perspective", "Dr. Su Li", "Director of Hematology",
                 "does not predict", 'href="/en/consult/?condition=multiple-myeloma"'):
        assert text in html, text


SUMMARY_OF = "A summary, in our words, of what {} told us. It is not a direct quotation."


def test_a_summary_section_is_labelled_and_a_quote_is_attributed(client, myeloma):
    story = make_story(myeloma, sections=0)
    StorySection.objects.create(story=story, position=0, heading="Our account", body="It began in 2020.")
    StorySection.objects.create(story=story, position=1, heading="What they told us", body="He hopes it helps.",
                                voice=Voice.SUMMARY, speaker="Mr. Wang and his wife")
    StorySection.objects.create(story=story, position=2, heading="In her words", body="Thank you all.",
                                voice=Voice.QUOTE, speaker="Ms. Example")
    html = re.sub(r"\s+", " ", client.get(story.get_absolute_url()).content.decode())
    account = html.split("Our account")[1].split("What they told us")[0]
    assert "summary" not in account and "<blockquote" not in account
    assert SUMMARY_OF.format("Mr. Wang and his wife") in html
    assert re.search(r'<figure class="quote"><blockquote class="prose"><p>Thank you all.</p></blockquote>'
                     r'<figcaption>— Ms. Example</figcaption></figure>', html)


def test_answers_are_labelled_as_summaries_unless_quoted_exactly(client, myeloma):
    story = make_story(myeloma, display_name="Mr. Wang", questions=[("How did it go?", "He says it went well.")])
    StoryQuestion.objects.create(story=story, position=1, question="Anything else?", answer="Never give up.",
                                 answer_voice=Voice.QUOTE)
    html = re.sub(r"\s+", " ", client.get(story.get_absolute_url()).content.decode())
    assert ("We asked the questions. The answers are summaries, in our words, of what Mr. Wang told us, unless "
            "they are marked as quoted exactly.") in html
    assert '<dd><div class="prose"><p>He says it went well.</p></div></dd>' in html
    assert ('<blockquote class="prose"><p>Never give up.</p></blockquote><figcaption>— Mr. Wang, quoted exactly'
            in html)


@pytest.mark.parametrize(("voice", "shown", "hidden"), [
    (Voice.SUMMARY, SUMMARY_OF.format("Dr. Su Li"), "<blockquote"),
    (Voice.QUOTE, "<figcaption>— Dr. Su Li, quoted exactly</figcaption>", "It is not a direct quotation"),
])
def test_an_expert_perspective_is_a_labelled_summary_or_an_exact_quote(client, myeloma, voice, shown, hidden):
    doctor = make_doctor(name="Su Li", slug="su-li")
    story = make_story(myeloma, expert=doctor, expert_text="Dr. Su explains that the risk was high.",
                       expert_voice=voice)
    html = re.sub(r"\s+", " ", client.get(story.get_absolute_url()).content.decode())
    assert shown in html and hidden not in html.split('id="expert-heading"')[1].split("</section>")[0]


def test_words_need_to_say_whose_they_are(myeloma):
    story = make_story(myeloma, sections=0, expert_text="Exact words.", expert_voice=Voice.QUOTE)
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert error.value.message_dict["expert_voice"] == [
        "A quotation needs the name of the person quoted: choose the expert's profile or type their name."]
    section = StorySection(story=story, heading="Told", body="Words.", voice=Voice.SUMMARY)
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert error.value.message_dict["speaker"] == ["Say whose words these are."]
    section.speaker = "the patient"
    section.full_clean()


def test_story_list_cards_show_the_patient_facts(client, myeloma):
    make_story(myeloma, display_name="Zinaida", age_at_treatment=None, country="RU", outcome="pr",
               summary="Sequential CAR-T.")
    html = client.get("/en/stories/").content.decode()
    for text in ("Zinaida", "Russia", "Multiple myeloma", "Partial remission (PR)", f"Sequential {CAR_T}.",
                 "Read the full story"):
        assert text in html


def test_stories_paginate_twelve_a_page_featured_first(client, myeloma):
    for i in range(13):
        make_story(myeloma, title=f"Plain story {i}")
    make_story(myeloma, title="The featured one", is_featured=True)
    first = client.get("/en/stories/")
    assert len(first.context["stories"]) == 12
    assert first.context["stories"][0].title == "The featured one"
    second = client.get("/en/stories/?page=2")
    assert len(second.context["stories"]) == 2


@pytest.mark.parametrize(("language", "here", "following"), [
    ("en", "Page 1 of 2", "Next page"), ("ru", "Страница 1 из 2", "Следующая страница")])
def test_the_pages_of_a_filtered_list_link_on_with_its_filters_in_the_readers_language(
        client, myeloma, language, here, following):
    for i in range(13):
        make_story(myeloma, title=f"Plain story {i}")
    first = lxml_html.fromstring(client.get(f"/{language}/stories/?condition=multiple-myeloma").content)
    pages = first.xpath("//nav[@class='pagination']")[0]
    assert pages.xpath(".//span[@aria-current='page']")[0].text == here
    assert not pages.xpath(".//a[@rel='prev']")
    (following_link,) = pages.xpath(".//a[@rel='next']")
    assert following_link.text == following
    assert following_link.get("href") == "?condition=multiple-myeloma&page=2"
    second = lxml_html.fromstring(client.get(f"/{language}/stories/{following_link.get('href')}").content)
    second_pages = second.xpath("//nav[@class='pagination']")[0]
    assert second_pages.xpath(".//a[@rel='prev']")[0].get("href") == "?condition=multiple-myeloma&page=1"
    assert not second_pages.xpath(".//a[@rel='next']")


def test_a_list_of_one_page_has_no_page_links(client, myeloma):
    make_story(myeloma)
    assert b'class="pagination"' not in client.get("/en/stories/").content


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1.5", "%00"])
def test_bad_page_numbers_never_error(client, myeloma, page):
    make_story(myeloma)
    response = client.get(f"/en/stories/?page={page}")
    assert response.status_code == 200
    assert len(response.context["stories"]) == 1


def test_filters_combine_and_show_what_is_active(client, myeloma):
    car_t = make_treatment(name="CAR-T cell therapy", slug="car-t")
    transplant = make_treatment(name="Transplant", slug="transplant")
    mds = make_condition(name="MDS", slug="mds")
    make_story(myeloma, [car_t], title="Russian CAR-T", country="RU")
    make_story(myeloma, [car_t], title="Chinese CAR-T", country="CN")
    make_story(myeloma, [transplant], title="Russian transplant", country="RU")
    make_story(mds, [transplant], title="MDS story", country="CN")

    response = client.get("/en/stories/?condition=multiple-myeloma&treatment=car-t&country=russia")
    titles = [s.title for s in response.context["stories"]]
    assert titles == ["Russian CAR-T"]
    html = response.content.decode()
    assert "Condition: <strong>Multiple myeloma</strong>" in html
    assert "Treatment: <strong>CAR-T cell therapy</strong>" in html
    assert "Country: <strong>Russia</strong>" in html
    assert "Remove treatment filter" in html
    assert '<option value="car-t" selected>' in html

    only_country = client.get("/en/stories/?country=China")
    assert {s.title for s in only_country.context["stories"]} == {"Chinese CAR-T", "MDS story"}


@pytest.mark.parametrize("query", ["condition=nope", "treatment=%3Cscript%3E", "country=Atlantis",
                                   "condition=" + "x" * 5000])
def test_unknown_filter_values_show_an_empty_result_with_a_way_back(client, myeloma, query):
    make_story(myeloma)
    response = client.get(f"/en/stories/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No stories match these choices." in html
    assert 'href="/en/stories/">Show all stories' in html
    assert "<script>" not in html.split('<main id="main"', 1)[1]


def test_a_story_is_listed_once_even_with_several_matching_treatments(client, myeloma):
    a, b = make_treatment(slug="a"), make_treatment(slug="b")
    make_story(myeloma, [a, b])
    assert len(client.get("/en/stories/?treatment=a").context["stories"]) == 1


def test_unpublished_stories_never_listed_or_related(client, myeloma):
    shown = make_story(myeloma, title="Shown story")
    make_story(myeloma, title="Draft story", is_published=False)
    make_story(myeloma, title="No consent story", consent_on_file=False)
    assert "Draft story" not in client.get("/en/stories/").content.decode()
    detail = client.get(shown.get_absolute_url()).content.decode()
    assert "Draft story" not in detail and "No consent story" not in detail


def test_condition_and_home_pages_show_stories(client, myeloma):
    make_story(myeloma, title="Yuri's journey", is_featured=True)
    assert "Yuri&#x27;s journey" in client.get(myeloma.get_absolute_url()).content.decode()
    assert "Yuri&#x27;s journey" in client.get("/en/").content.decode()


def test_list_and_detail_queries_do_not_grow(count_queries, myeloma):
    treatments = [make_treatment() for _ in range(5)]
    small = make_story(myeloma, treatments[:1], sections=1, questions=1)
    large = make_story(myeloma, treatments, sections=20, questions=20)
    list_small = count_queries("/en/stories/?country=Russia")
    for _ in range(30):
        make_story(myeloma, treatments, sections=3)
    assert count_queries("/en/stories/?country=Russia") == list_small
    assert count_queries(small.get_absolute_url()) == count_queries(large.get_absolute_url())


def _jpeg_with_gps(width=1600, height=900):
    return image_bytes("JPEG", size=(width, height), color=(120, 30, 30), exif=camera_exif(),
                       comment=b"<script>alert(1)</script> taken at 55.7558N")


def test_photo_is_stripped_of_metadata_and_resized(myeloma):
    story = make_story(myeloma)
    story.image = uploaded_file("photo.jpg", _jpeg_with_gps(), "image/jpeg")
    story.image_alt = "Yuri smiling in the hospital garden"
    story.full_clean()
    story.save()
    story.refresh_from_db()
    assert (story.image_width, story.image_height) == (1600, 900)
    with default_storage.open(story.image.name) as stored:
        assert not Image.open(stored).getexif()
    widths = {(r["format"], r["width"]) for r in story.image_renditions}
    assert widths == {(f, w) for f in ("webp", "jpeg") for w in (480, 800, 1200)}
    for name in [story.image.name] + [r["name"] for r in story.image_renditions]:
        with default_storage.open(name) as stored:
            data = stored.read()
        assert b"<script>" not in data and b"55.7558N" not in data and b"PhoneMaker" not in data
        image = Image.open(io.BytesIO(data))
        assert not image.getexif() and "comment" not in image.info
    for rendition in story.image_renditions:
        with default_storage.open(rendition["name"]) as stored:
            assert Image.open(stored).width == rendition["width"]
    assert "480w" in story.webp_srcset and "1200w" in story.jpeg_srcset


def test_story_page_serves_the_photo_responsively(client, myeloma):
    story = make_story(myeloma)
    story.image = uploaded_file("photo.jpg", _jpeg_with_gps(900, 600), "image/jpeg")
    story.image_alt = "A garden"
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in html
    assert 'width="900" height="600" alt="A garden"' in html


def test_story_without_photo_has_no_image_markup(client, myeloma):
    story = make_story(myeloma)
    assert "<img" not in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.parametrize("name,content,message", [
    ("notes.jpg", b"this is not an image", "not a photo that can be read"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "not a photo that can be read"),
])
def test_bad_uploads_are_refused_clearly(myeloma, name, content, message):
    story = make_story(myeloma)
    story.image = uploaded_file(name, content, "text/plain")
    story.image_alt = "x"
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert message in str(error.value)


def test_gif_is_refused(myeloma):
    story = make_story(myeloma)
    story.image = uploaded_file("a.gif", image_bytes("GIF", size=(10, 10), color=0), "image/gif")
    story.image_alt = "x"
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "JPEG, PNG or WebP" in str(error.value)


def test_decompression_bomb_is_refused(myeloma, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    bomb = image_bytes("PNG", size=(60, 60), color=0)  # 3,600 pixels: over twice the limit
    story = make_story(myeloma)
    story.image = uploaded_file("bomb.png", bomb, "image/png")
    story.image_alt = "x"
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "too large to be a photo" in str(error.value)


def test_photo_needs_alt_text(myeloma):
    story = make_story(myeloma)
    story.image = uploaded_file("photo.jpg", _jpeg_with_gps(100, 100), "image/jpeg")
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "image_alt" in error.value.message_dict


@pytest.mark.parametrize("url_name", ["admin:stories_patientstory_changelist", "admin:stories_patientstory_add"])
def test_story_admin_pages_load(staff_client, url_name):
    assert staff_client.get(reverse(url_name)).status_code == 200


def test_story_admin_filters_by_consent_and_country(staff_client, myeloma):
    make_story(myeloma, title="Consented", country="RU")
    make_story(myeloma, title="Pending consent", consent_on_file=False, is_published=False)
    url = reverse("admin:stories_patientstory_changelist")
    html = staff_client.get(url + "?consent_on_file__exact=0").content.decode()
    assert "Pending consent" in html and "Consented</a>" not in html
    assert staff_client.get(url + "?country=Russia").status_code == 200


def header_and_facts(html):
    """The (label, value) rows of the story's header line and of its facts further down."""
    page = lxml_html.fromstring(html)

    def rows(dl_class):
        return [tuple(" ".join(cell.text_content().split()) for cell in row.xpath("dt|dd"))
                for row in page.xpath(f'//dl[@class="{dl_class}"]/div')]

    return rows("story-header"), rows("facts")


def test_the_story_header_gives_condition_treatments_and_publication_date_once(client, myeloma):
    car_t = make_treatment(name="CAR-T cell therapy")
    story = make_story(myeloma, [car_t], diagnosis_detail="IgA-κ, R-ISS stage III", display_name="Mr. Wang",
                       country="CN", age_at_treatment=73, outcome="vgpr")
    PatientStory.objects.filter(pk=story.pk).update(published_at=datetime(2025, 3, 4, 9, tzinfo=UTC))
    html = client.get(story.get_absolute_url()).content.decode()
    header, facts = header_and_facts(html)
    assert header == [("Condition", "Multiple myeloma (IgA-κ, R-ISS stage III)"),
                      ("Treatment", "CAR-T cell therapy"), ("Published", "March 4, 2025")]
    assert '<time datetime="2025-03-04">' in html
    assert html.index("</h1>") < html.index('class="story-header"') < html.index('class="facts"')
    assert facts == [("Patient", "Mr. Wang"), ("Age at treatment", "73"), ("Country", "China"),
                     ("Outcome", "Very good partial response (VGPR)")]


def test_the_story_header_leaves_out_what_is_not_filled_in(staff_client, myeloma):
    draft = make_story(myeloma, is_published=False, age_at_treatment=None, country="")
    header, facts = header_and_facts(staff_client.get(draft.get_absolute_url()).content.decode())
    assert header == [("Condition", "Multiple myeloma")]
    assert [label for label, _value in facts] == ["Patient", "Outcome"]
