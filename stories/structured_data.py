"""schema.org entities of a story page."""

from core.structured_data import absolute, page_entity, review_properties
from core.translation import language_tag


def story_article(story):
    article = page_entity(
        "Article", story, headline=story.title, dateModified=story.updated_at.isoformat(),
        inLanguage=language_tag(story.get_current_language()), publisher={"@id": absolute("/#organization")},
        about={"@type": "MedicalCondition", "name": story.condition.name},
    )
    article["@id"] = article["url"] + "#story"
    if story.published_at:
        article["datePublished"] = story.published_at.isoformat()
    if story.fallback_image:
        article["image"] = absolute(story.fallback_image["url"])
    if not story.is_medically_reviewed:
        return [article]
    # Review dates belong to the page (schema.org WebPage), not to the article it carries.
    page = {"@type": "WebPage", "url": article["url"], "name": story.title, "mainEntity": {"@id": article["@id"]},
            **review_properties(story)}
    return [article, page]
