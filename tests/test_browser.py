"""The app in a real browser: Debian's Chromium driven by Playwright against a live server.

Every test also fails on any uncaught JavaScript error (the ``page`` fixture).
"""

import re
from urllib.parse import quote

import pytest

from tests import support

pytestmark = pytest.mark.browser

# Generous: on a busy 2-core machine a first page load has taken over 30 s.
TIMEOUT = 120_000
CHART_Y = "(i) => document.querySelectorAll('.js-plotly-plot')[i]?.data?.[0]?.y?.join(',')"


def metric_values(page):
    """The headline numbers shown, in order."""
    page.locator(".xv-number-value").first.wait_for(timeout=TIMEOUT)
    return page.locator(".xv-number-value").all_inner_texts()


def test_seed_example_in_bits_reads_0_3675(page, app_url):
    page.goto(f"{app_url}/?base=2")
    page.get_by_text("0.3675").first.wait_for(timeout=TIMEOUT)
    assert metric_values(page)[0] == "0.3675"


def test_keyboard_on_a_slider_changes_the_chart(page, app_url):
    page.goto(app_url)
    page.wait_for_function(f"({CHART_Y})(1)", arg=None, timeout=TIMEOUT)
    before = page.evaluate(CHART_Y, 1)
    thumb = page.locator('input[type=range][aria-label="cat"]')
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(b) => ({CHART_Y})(1) !== b", arg=before, timeout=TIMEOUT)
    after = page.evaluate(CHART_Y, 1)
    assert after != before
    support.linked(page, "logits=3.2,1.4,0.2,0.8")  # the address bar follows
    support.later_fresh(page)  # and, scrolled to, the share box
    page.get_by_text("3.2,1.4,0.2,0.8").first.wait_for(timeout=TIMEOUT)


@pytest.mark.parametrize(
    "name", ["<script>alert(1)", "<svg onload=alert(1)>", "<img onerror=alert(1)"]
)
def test_hostile_class_names_never_execute(page, app_url, name):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_url}/?classes={quote(name)},b")
    page.get_by_text(name).first.wait_for(timeout=TIMEOUT)  # shown literally, as text
    metric_values(page)
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # every element drawn
    assert dialogs == []


def test_bad_link_shows_one_warning(page, app_url):
    page.goto(f"{app_url}/?T=0&logits=nan")
    page.get_by_text("showing the defaults").first.wait_for(timeout=TIMEOUT)
    assert page.get_by_test_id("stAlertContentWarning").count() == 1
    assert metric_values(page)[0] == "0.2547"


def open_exact_values(page, app_url):
    page.goto(app_url)
    metric_values(page)
    page.get_by_role("button", name="Exact values…").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=TIMEOUT)
    return dialog


def test_exact_value_beyond_the_slider_applies(page, app_url):
    dialog = open_exact_values(page, app_url)
    field = dialog.get_by_label("cat")
    field.fill("12.5")
    field.press("Tab")  # commit the number before pressing Apply
    dialog.get_by_role("button", name="Apply").click()
    support.linked(page, "logits=3.2,12.5,0.2,0.8")  # the link follows
    assert page.get_by_role("dialog").count() == 0
    slider = page.locator('input[type=range][aria-label="cat"]')
    assert float(slider.input_value()) == 12.5
    assert float(slider.get_attribute("max")) >= 12.5  # the slider widened to show it


def test_exact_values_dismissed_change_nothing(page, app_url):
    dialog = open_exact_values(page, app_url)
    before = metric_values(page)
    field = dialog.get_by_label("cat")
    field.fill("-40")
    field.press("Tab")
    page.keyboard.press("Escape")
    page.get_by_role("dialog").wait_for(state="detached", timeout=TIMEOUT)
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # any run it asked for, drawn
    assert metric_values(page) == before
    assert page.locator('input[type=range][aria-label="cat"]').input_value() == "1.3"
    assert "logits" not in page.url  # still the defaults, so the link has no parameters


LONG_NAMES = [f"a long name for class {i:02d}" for i in range(1, 13)]  # 24 characters each
CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const box = (e) => {
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
    };
    return {
        plot: gd._fullLayout._size.h,
        title: box(gd.querySelector('.gtitle')),
        tools: [...gd.querySelectorAll('.modebar-btn')].map(box),
    };
})"""
SLIDER_TOPS = """() => [...document.querySelectorAll('input[type=range][aria-label]')]
    .map((e) => [e.getAttribute('aria-label'), e.getBoundingClientRect().top])"""


def charts(page, url):
    page.goto(url)
    page.wait_for_function(f"({CHART_Y})(3)", arg=None, timeout=TIMEOUT)
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # automargin's redraws done
    return page.evaluate(CHARTS)


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_long_class_names_leave_the_bars_their_height(request, app_url, screen):
    """Twelve names of the longest allowed length stand on end under the bars; the charts grow
    to make room, so the plot area stays as tall as with dog, cat, horse, cheetah."""
    page = request.getfixturevalue(screen)
    short = [c["plot"] for c in charts(page, app_url)]
    long = [c["plot"] for c in charts(page, f"{app_url}/?classes={quote(','.join(LONG_NAMES))}")]
    assert len(long) == 4
    assert min(long) >= 0.9 * min(short), (short, long)


CUT_METRICS = """() => [...document.querySelectorAll('.xv-number-value')]
    .filter((m) => {
        const text = document.createRange();
        text.selectNodeContents(m);
        return text.getBoundingClientRect().width > m.getBoundingClientRect().width + 0.01;
    })
    .map((m) => m.innerText)"""


def test_headline_numbers_show_a_long_predicted_class_whole(page, app_url):
    """Streamlit's metric cut a value that did not fit its box with "…" (even by a fraction
    of a pixel, so scrollWidth, a whole number, cannot tell). On the projector, a predicted
    class of the longest allowed name shows whole beside the four other headline numbers, in
    one row."""
    page.goto(f"{app_url}/?classes={quote(','.join(LONG_NAMES[:4]))}&logits=3.2,1.3,0.2,0.8")
    page.get_by_text(LONG_NAMES[0], exact=True).last.wait_for(timeout=TIMEOUT)
    values = metric_values(page)
    assert values[-1] == LONG_NAMES[0], values
    assert page.evaluate(CUT_METRICS) == []
    # One row (read once the page has stopped moving: charts above it arrive as they are drawn).
    page.wait_for_function(
        "() => { const tops = [...document.querySelectorAll('.xv-number')]"
        ".map((m) => m.getBoundingClientRect().y);"
        " return tops.length === 5 && Math.max(...tops) - Math.min(...tops) < 1; }",
        timeout=TIMEOUT,
    )


def test_phone_shows_titles_clear_of_the_tools_and_sliders_in_order(phone, app_url):
    for url in (app_url, f"{app_url}/?classes={quote(','.join(LONG_NAMES))}&T=0.05&base=10"):
        for chart in charts(phone, url):
            assert chart["tools"], "plotly always shows its tool bar on a touch screen"
            assert not any(overlap(chart["title"], tool) for tool in chart["tools"]), chart
    top = dict(phone.evaluate(SLIDER_TOPS))
    tops = [top[name] for name in LONG_NAMES]
    assert tops == sorted(tops)  # one column, top to bottom in the classes' order


def test_names_that_look_like_addresses_or_icons_stay_text(page, app_url):
    """Streamlit's Markdown makes links of bare addresses and icons of :material/...: even
    after backslash escapes; a class name must show as typed, and never as either."""
    names = ["www.example.com", "http://example.com", "me@example.com", ":material/home:"]
    page.goto(f"{app_url}/?classes={quote(','.join(names))}&logits=4,1,0,0")
    metric_values(page)
    texts = page.locator(
        "[data-testid=stWidgetLabel], [data-testid=stCaptionContainer], .xv-number-value"
    )
    shown = [t.replace("\u2060", "") for t in texts.all_inner_texts()]
    assert set(names) <= set(shown)  # each name is a slider's whole label
    assert "4 = :material/home:" in " ".join(shown)  # the computation's row legend
    assert "rival class http://example.com by 1" in " ".join(shown)  # the question
    assert shown.count("www.example.com") == 2  # the predicted class too
    # No name became a link or an icon (the page's own links to the glossary are not names).
    assert texts.locator("a:not([href*='glossary#']), [role=img]").count() == 0


#: Names that Markdown, GFM or Streamlit could read as syntax, in every form we know of.
MARKUP_NAMES = [
    "*a*", "**b**", "_i_", "a_b_", "__init__", "_a_b", "x_ y_", "~x~", "~~del~~", "`code`",
    "\\*a\\*", "a\\b", "$x^2$", "$$x$$", ":smile:", ":+1:", ":red[x]", ":small[x]",
    ":material/home:", "[x](http://e.co)", "![x](y.png)", "[^1]", "<b>x</b>", "<!-- c -->",
    "<https://x.y>", "&copy;", "&#x41;", "&#65;", "a&amp;b", "R&D&copy;", "AT&T;",
    "www.x.com/a", "WWW.X.COM", "https://x.y", "mailto:a@b.co", "a@b.co", "# h", "## h",
    "> q", "- a", "+ a", "* a", "1. one", "10) ten", "---", "***", "=== x", "| a | b |", "-",
]  # fmt: skip
#: Names with punctuation that is not syntax where it stands: their aria-label (what a screen
#: reader says) must be the name itself, not the name with backslashes.
PLAIN_NAMES = [
    "T-shirt/top", "ship (cargo)", "it's", "no. 1", "C#", "-1", "+1", "#1", "2+2=4", "x = 1",
    "a>b", "{x}", "!x", "1.5", "Mr. O'Neil", "50%", "golden_retriever", "class_1", "n02_dog_3",
    "café_crème", "R&D", "Q&A", "black & white", "&", "Tom & Jerry",
]  # fmt: skip
LABELS = """() => [...document.querySelectorAll('[data-testid=stMain] input[type=range]')]
  .map((e) => {
    const label = e.closest('[data-testid=stSlider]').querySelector('[data-testid=stWidgetLabel]');
    const md = label.querySelector('[data-testid=stMarkdownContainer]');
    return {
        text: label.innerText,
        aria: e.getAttribute('aria-label'),
        tags: [...md.querySelectorAll('*')].map((c) => c.tagName).join(','),
    };
})"""


def test_every_kind_of_markup_in_a_name_shows_as_typed(page, app_url):
    names = MARKUP_NAMES + PLAIN_NAMES
    assert len(names) % 12 != 1  # a page needs two classes at least
    for start in range(0, len(names), 12):
        batch = names[start : start + 12]
        page.goto(f"{app_url}/?classes={quote(','.join(batch))}")
        page.wait_for_function(f"({CHART_Y})(3)", arg=None, timeout=TIMEOUT)
        # the charts are sent before the sliders beside them: wait for every slider too
        page.wait_for_function(f"({LABELS})().length === {len(batch)}", timeout=TIMEOUT)
        assert page.get_by_test_id("stAlertContentWarning").count() == 0
        for name, label in zip(batch, page.evaluate(LABELS), strict=True):
            assert label["text"].replace("\u2060", "") == name
            assert label["tags"] == "P", (name, label)  # one paragraph of text, nothing else
            if name in PLAIN_NAMES:
                assert label["aria"].replace("\u2060", "") == name


BAR_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) =>
  [...gd.querySelectorAll('text.bartext')].map((t) => {
    const r = t.getBoundingClientRect();
    return {
      size: parseFloat(getComputedStyle(t).fontSize),
      shown: getComputedStyle(t).display !== 'none' && r.width > 0,
      box: [r.left, r.top, r.right, r.bottom],
    };
  }))"""


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_every_bar_value_shows_at_a_readable_size_without_overlap(request, app_url, screen):
    """Plotly shrank a value that did not fit above its bar to 4 or 5 px, then hid every
    value of a chart. Values now keep the charts' 14 px (on end from 6 classes) and none
    covers another, with 4 classes and with 12, on a projector and on a phone."""
    page = request.getfixturevalue(screen)
    for url in [
        app_url,
        f"{app_url}/?classes={quote(','.join(f'class {i}' for i in range(12)))}"
        "&logits=1,2,3,4,5,6,7,8,9,10,-3,-9.9&target=3&smoothing=0.1",
    ]:
        page.goto(url)
        page.wait_for_function(f"({CHART_Y})(3)", arg=None, timeout=TIMEOUT)
        page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # automargin's redraws done
        for chart in page.evaluate(BAR_TEXTS):
            assert chart and all(t["shown"] and t["size"] >= 14 for t in chart), chart
            boxes = [t["box"] for t in chart]
            assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), (
                boxes
            )


THUMB = """(label) => {
    const input = document.querySelector(`input[type=range][aria-label="${label}"]`);
    const slider = input.closest('[data-testid=stSlider]');
    const shown = slider.querySelector('[data-testid=stSliderThumbValue]');
    return {
        value: input.value, min: input.min, max: input.max,
        shown: shown ? shown.innerText : null,
        focused: document.activeElement === input,
    };
}"""


def slider_thumb(page, label):
    return page.evaluate(THUMB, label)


def thumb_at(page, label, value):
    """Until the slider labelled ``label`` is drawn at ``value`` and no run is under way."""
    page.wait_for_function(
        f"([label, value]) => ({THUMB})(label).value === value"
        " && document.querySelector('[data-testid=stApp]')"
        "   .getAttribute('data-test-script-state') === 'notRunning'",
        arg=[label, value],
        timeout=TIMEOUT,
    )


def test_a_slider_dragged_to_its_end_shows_what_the_charts_show(page, app_url):
    """Dragged to +10 the slider redrew with its thumb at -10.00 while the charts and the link
    said 10 (its range was recomputed from its value); at the left end it read -11."""
    page.goto(app_url)
    metric_values(page)
    thumb = page.locator('input[type=range][aria-label="cat"]').locator("xpath=../..")
    track = thumb.locator("xpath=..")
    box, line = thumb.bounding_box(), track.bounding_box()
    y = box["y"] + box["height"] / 2
    for end, value in ((line["x"] + line["width"] + 60, "10"), (line["x"] - 60, "-10")):
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(end, y, steps=12)
        page.mouse.up()
        support.linked(page, f"logits=3.2,{value},0.2,0.8")
        thumb_at(page, "cat", value)
        now = slider_thumb(page, "cat")
        assert (now["value"], now["min"], now["max"]) == (value, "-10", "10"), now
        assert now["shown"] in (f"{value}.00", f"{value}.0", value), now
        box = thumb.bounding_box()


def test_end_and_home_keep_the_slider_and_its_focus(page, app_url):
    page.goto(app_url)
    metric_values(page)
    page.locator('input[type=range][aria-label="cat"]').focus()
    for key, value in (
        ("End", "10"),
        ("ArrowLeft", "9.9"),
        ("Home", "-10"),
        ("ArrowRight", "-9.9"),
    ):
        page.keyboard.press(key)
        support.linked(page, f"logits=3.2,{value},0.2,0.8")
        thumb_at(page, "cat", value)
        now = slider_thumb(page, "cat")
        assert now["value"] == value and now["focused"], (key, now)


def test_a_new_question_starts_unanswered(page, app_url):
    """After an answer, moving a slider graded the old choice against the new question."""
    page.goto(app_url)
    metric_values(page)
    page.get_by_text("it goes up", exact=True).click()
    page.get_by_text("Right.", exact=False).first.wait_for(timeout=TIMEOUT)
    page.locator('input[type=range][aria-label="cat"]').focus()
    page.keyboard.press("ArrowRight")
    support.linked(page, "logits=3.2,1.4,0.2,0.8")
    support.later_fresh(page)  # the question is redrawn for the new state
    question = page.get_by_role("radiogroup", name=re.compile("raise the logit of the rival"))
    assert question.get_by_role("radio", checked=True).count() == 0
    assert page.get_by_text("The loss goes from").count() == 0


def test_new_class_names_reach_the_true_class(page, app_url):
    """Typing alpha, beta, gamma left "True class y" showing dog."""
    page.goto(app_url)
    metric_values(page)
    box = page.get_by_label("Class names (2 to 12, comma-separated)")
    box.fill("alpha, beta, gamma")
    box.press("Enter")
    page.locator('input[type=range][aria-label="gamma"]').wait_for(timeout=TIMEOUT)
    page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # the run that drew it, finished
    assert page.get_by_role("combobox", name="True class y").input_value() == "alpha"


COLOURS_DRAWN = """() => {
  const background = (e) => {  // the first colour behind e that is not transparent
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('.js-plotly-plot')].map((gd) => ({
    colours: gd._fullData.map((t) => [t.name, t.marker.color]),
    background: background(gd),
    title: getComputedStyle(gd.querySelector('.gtitle')).fill,
    marks: [...gd.querySelectorAll('.scatterlayer .textpoint text')]
      .map((t) => getComputedStyle(t).fill),
  }));
}"""


def _luminance(css):
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
    return sum(
        w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True)
    )


def contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palette_reaches_the_charts_in_both_themes(browser, app_url, scheme, tmp_path):
    """The config's palette never reached the charts (plotly's default colours were drawn),
    and in the dark theme the "predicted" arrow was dark grey on black (now a mark in the
    model's colour, its word in the theme's text colour)."""
    from xentviz.figures.style import COLOURS

    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(app_url)
        page.wait_for_function(f"({CHART_Y})(3)", arg=None, timeout=TIMEOUT)
        page.wait_for_function(support.SETTLED, timeout=TIMEOUT)  # drawn in the theme's colours
        page.screenshot(path=str(tmp_path / f"{scheme}.png"))
        charts = page.evaluate(COLOURS_DRAWN)
        drawn = {colour.upper() for chart in charts for _, colour in chart["colours"]}
        assert drawn <= {c.upper() for c in COLOURS.values()}, drawn
        for chart in charts:
            background = chart["background"]
            assert contrast(chart["title"], background) >= 4.5, (scheme, chart)
            for fill in chart["marks"]:  # the word "predicted" over its mark
                assert contrast(fill, background) >= 4.5, (scheme, chart)
            for _, colour in chart["colours"]:
                hexed = (
                    f"rgb({int(colour[1:3], 16)}, {int(colour[3:5], 16)}, {int(colour[5:], 16)})"
                )
                assert contrast(hexed, background) >= 3, (scheme, colour)
    finally:
        context.close()


def test_the_entropy_page_reads_the_seeds_containers(page, app_url):
    """The seed's three containers of 30, in bits: 0.5665, 0.9968 and 0.2108."""
    page.goto(f"{app_url}/entropy?counts=26,4;14,16;1,29&base=2")
    # the box's title on lines of its own (a phone has room for about 80 px over each box)
    title = "Container 3<br>H = 0.2108<br>bits"
    page.locator(f'text[data-unformatted="{title}"]').first.wait_for(timeout=TIMEOUT)
    assert metric_values(page)[::2] == ["0.5665", "0.9968", "0.2108"]
    markers = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.map((t) => t.x.length)"
    )
    assert markers == [41, 49]  # one marker per item: 26 + 14 + 1 triangles, 4 + 16 + 29 circles


def test_the_binary_page_shows_the_sigmoid_as_a_two_class_softmax(page, app_url):
    """The Chaurasia article's softmax([2, 4]) = [0.119, 0.881]: a logit gap of -2, so
    sigma(-2) = 0.1192 beside softmax([-2, 0])_1."""
    page.goto(f"{app_url}/binary?z=-2")
    page.get_by_text("A sigmoid is a softmax over [z, 0]").wait_for(timeout=TIMEOUT)
    values = metric_values(page)
    assert values[:2] == ["0.1192", "0.1192"] and values[2] == values[3]


def test_the_encoding_page_sets_softmax_beside_the_standard_normalisation(page, app_url):
    """The Chaurasia article's [2, 4]: softmax [0.119, 0.881], z / sum z [0.333, 0.667]."""
    page.goto(f"{app_url}/encoding?classes=A,B&logits=2,4&target=1&ys=0,1&order=1,0")
    page.get_by_text("[0.3333, 0.6667]", exact=False).first.wait_for(timeout=TIMEOUT)
    shown = page.get_by_text("softmax gives [0.1192, 0.8808]", exact=False)
    assert shown.count() == 1


BARS_AND_VALUES = """() => {
  const chart = document.querySelector('.st-key-playground-chart-q .js-plotly-plot');
  if (!chart) return null;
  const box = (e) => { const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; };
  return [...chart.querySelectorAll('.trace.bars')].map((trace) => ({
    bars: [...trace.querySelectorAll('.point path')].map(box).filter((b) => b[3] - b[1] > 0),
    values: [...trace.querySelectorAll('.bartext')]
      .map((t) => ({text: t.textContent, box: box(t)})),
  }));
}"""


def test_a_value_over_its_bar_is_not_hidden_by_the_taller_bar_beside_it(phone, app_url):
    """On a phone the Playground's "0.775" over the dog's q bar ran into the taller green p bar
    beside it, which hid its last digit ("0.77"): no value of q crosses a bar of p."""
    phone.goto(app_url)
    phone.wait_for_function(support.SETTLED, timeout=TIMEOUT)
    q, p = phone.evaluate(BARS_AND_VALUES)
    assert [v["text"] for v in q["values"]][:1] == ["0.775"] and p["bars"]
    for value in q["values"]:
        assert not any(overlap(value["box"], bar) for bar in p["bars"]), (value, p["bars"])
