"""schema.org entities of a story page."""

from core.structured_data import absolute, page_entity
from core.translation import language_tag


def story_article(story):
    article = page_entity(
        "Article", story, headline=story.title, dateModified=story.updated_at.isoformat(),
        inLanguage=language_tag(story.get_current_language()), publisher={"@id": absolute("/#organization")},
        about={"@type": "MedicalCondition", "name": story.condition.name},
    )
    if story.published_at:
        article["datePublished"] = story.published_at.isoformat()
    if story.fallback_image:
        article["image"] = absolute(story.fallback_image["url"])
    return [article]
