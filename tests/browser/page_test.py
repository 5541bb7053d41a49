"""The web page in Debian's headless Chromium, driven by Selenium through Debian's chromedriver:
the interview with the yoga example's answers, the what-if rename, a Chinese rejection message,
a #profile= link, and the language switch. Screenshots of each final state go to SHOT_DIR.

usage: page_test.py MPADVISOR_BINARY SOURCE_DIR SHOT_DIR"""
import json
import os
import sys
import unittest

from served import CHROMEDRIVER, CHROMIUM, Server, base64url_profile, require

require([CHROMIUM, CHROMEDRIVER])
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("skipped: python3-selenium is not installed (scripts/bootstrap installs it)")
    sys.exit(77)

BINARY, SOURCE_DIR, SHOT_DIR = sys.argv[1:4]
del sys.argv[1:4]
YOGA = os.path.join(SOURCE_DIR, "kb/examples/yoga_name_rejected.json")


def browser(lang):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400", "--lang=" + lang):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


class PageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(SHOT_DIR, exist_ok=True)
        cls.server = Server(BINARY, SOURCE_DIR)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.driver = browser("en-US")
        self.wait = WebDriverWait(self.driver, 20)

    def tearDown(self):
        self.driver.quit()

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOT_DIR, name + ".png"))

    def verdict(self):
        element = self.wait.until(ec.visibility_of_element_located((By.ID, "verdict")))
        self.wait.until(lambda d: element.get_attribute("data-verdict"))
        return element.get_attribute("data-verdict")

    def answer(self, fact_type, value):
        form = self.driver.find_element(By.ID, "question-form")
        box = form.find_element(By.ID, "question-input")
        if fact_type == "bool":
            box.find_element(By.CSS_SELECTOR, f'input[value="{str(value).lower()}"]').click()
        elif fact_type == "enum":
            box.find_element(By.CSS_SELECTOR, f'input[value="{value}"]').click()
        elif fact_type == "set":
            for item in value:
                box.find_element(By.CSS_SELECTOR, f'input[value="{item}"]').click()
        elif fact_type == "list":
            box.find_element(By.TAG_NAME, "textarea").send_keys("\n".join(value))
        else:
            box.find_element(By.TAG_NAME, "input").send_keys(str(value))
        # Keyboard only: Enter in a text box submits, elsewhere the Next button is pressed.
        self.driver.find_element(By.ID, "answer").click()

    def test_interview_then_whatif_rename_resolves_the_blocker(self):
        with open(YOGA, encoding="utf-8") as f:
            yoga = json.load(f)
        self.driver.get(self.server.url)
        asked = []
        for _ in range(60):
            self.wait.until(lambda d: d.find_element(By.ID, "result").is_displayed() or (
                d.find_element(By.ID, "question-form").get_attribute("data-fact") not in (None, "", *asked[-1:])))
            if self.driver.find_element(By.ID, "result").is_displayed():
                break
            form = self.driver.find_element(By.ID, "question-form")
            fact, fact_type = form.get_attribute("data-fact"), form.get_attribute("data-type")
            asked.append(fact)
            # Why a question is asked: causes and steps by their titles, never a step's id.
            for reason in self.driver.find_elements(By.CSS_SELECTOR, "#question-why-list li"):
                self.assertNotRegex(reason.get_attribute("textContent"), r"[a-z_]+\.[a-z_]+", fact)
            if fact in yoga and not (fact_type == "set" and not yoga[fact]):
                self.answer(fact_type, yoga[fact])
            elif fact in yoga:
                self.driver.find_element(By.ID, "answer").click()  # an empty set is an answer
            else:
                self.driver.find_element(By.ID, "skip").click()
        else:
            self.fail("the interview did not end within 60 questions: " + ", ".join(asked))
        self.assertEqual(self.verdict(), "blocked")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '#blockers [data-cause="name_commercial"]'))
        self.shot("interview_result")

        suggestion = self.wait.until(ec.element_to_be_clickable(
            (By.CSS_SELECTOR, '#whatif-suggestions button[data-fact="name"]')))
        # The fact by its title, the suggested text in quotation marks.
        self.assertRegex(suggestion.text, r'^Mini Program name → ".+"$')
        suggestion.click()
        self.driver.find_element(By.ID, "whatif-try").click()
        after = self.wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#whatif-result [data-verdict-after]")))
        resolved = [li.get_attribute("data-cause") for li in
                    self.driver.find_elements(By.CSS_SELECTOR, "#whatif-result ul.whatif_resolved li")]
        self.assertIn("name_commercial", resolved)
        self.assertEqual(after.get_attribute("data-verdict-after"), "clear")
        self.driver.find_element(By.ID, "whatif-apply").click()
        self.wait.until(lambda d: d.find_element(By.ID, "verdict").get_attribute("data-verdict") == "clear")
        self.shot("whatif_applied")

    def test_a_suggested_set_value_reads_as_its_choices(self):
        path = os.path.join(SOURCE_DIR, "kb/examples/nonlocal_no_proof.json")
        self.driver.get(self.server.url + "#profile=" + base64url_profile(path))
        self.assertEqual(self.verdict(), "blocked")
        suggestion = self.wait.until(ec.presence_of_element_located(
            (By.CSS_SELECTOR, '#whatif-suggestions button[data-fact="residence_proofs"]')))
        self.assertEqual(suggestion.get_attribute("textContent"),
                         "Proofs of residence → Social-security record (社保缴纳证明; a PDF you can download inside WeChat)")

    def test_a_damaged_link_says_so_in_the_pages_words_and_starts_the_questions(self):
        self.driver.get(self.server.url + "#profile=bm90IGpzb24")  # "not json"
        self.wait.until(lambda d: d.find_element(By.ID, "question-form").get_attribute("data-fact"))
        notice = self.driver.find_element(By.ID, "error")
        self.assertTrue(notice.is_displayed())
        self.assertEqual(notice.text, "This link does not hold a profile that can be read; the questions start afresh.")

    def test_chinese_rejection_message_ranks_the_commercial_name_first(self):
        self.driver.get(self.server.url + "#profile=" + base64url_profile(YOGA))
        self.assertEqual(self.verdict(), "blocked")
        box = self.driver.find_element(By.ID, "rejection-message")
        box.send_keys("您的小程序名称含有“瑜伽”“预约”等商业性质词汇，个人主体备案请修改名称后重新提交。")
        self.driver.find_element(By.ID, "rejection-rank").click()
        first = self.wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#causes li:first-child")))
        self.assertEqual(first.get_attribute("data-cause"), "name_commercial")
        self.shot("rejection_ranked")

    def test_profile_link_renders_its_verdict_directly(self):
        for name, expected in (("unknown_facts", "needs_info"), ("clean_release", "clear")):
            path = os.path.join(SOURCE_DIR, "kb/examples", name + ".json")
            self.driver.get("about:blank")
            self.driver.get(self.server.url + "#profile=" + base64url_profile(path))
            self.assertEqual(self.verdict(), expected, name)
            self.assertFalse(self.driver.find_element(By.ID, "interview").is_displayed())
        self.shot("profile_link")

    def test_language_follows_the_browser_and_switches_to_english(self):
        self.driver.quit()
        self.driver = browser("zh-CN")
        self.wait = WebDriverWait(self.driver, 20)
        self.driver.get(self.server.url + "#profile=" + base64url_profile(YOGA))
        self.verdict()
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "zh-CN")
        self.assertEqual(self.driver.find_element(By.ID, "verdict").text, "有问题阻碍你继续。")
        cause = self.driver.find_element(By.CSS_SELECTOR, '#blockers [data-cause="name_commercial"] h4').text
        # The evidence names a fact by its title and its value in words, as the command line does.
        evidence = [li.get_attribute("textContent") for li in self.driver.find_elements(
            By.CSS_SELECTOR, '#blockers [data-cause="name_commercial"] .evidence li')]
        self.assertIn("主体类型：个人", evidence)
        # A text in the language's quotation marks, and the word the term search found.
        self.assertIn("小程序名称：“悦心瑜伽预约” — 含“瑜伽”（词表“商业性词汇”中的“瑜伽”）", evidence)
        # A warning's likelihood in the language's own brackets.
        warning = self.driver.find_element(By.CSS_SELECTOR, '#warnings [data-cause="certification_name_risk"] h4').text
        self.assertEqual(warning, "认证名称带商业色彩，30 元可能白花（风险高）")
        self.driver.find_element(By.ID, "lang-toggle").click()
        self.wait.until(lambda d: d.find_element(By.ID, "verdict").text == "Something blocks you.")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "en")
        english = self.driver.find_element(By.CSS_SELECTOR, '#blockers [data-cause="name_commercial"] h4').text
        self.assertNotEqual(cause, english)
        self.assertEqual(english, "The name contains a commercial word")
        evidence = [li.get_attribute("textContent") for li in self.driver.find_elements(
            By.CSS_SELECTOR, '#blockers [data-cause="name_commercial"] .evidence li')]
        self.assertIn("Subject type: A private person", evidence)
        self.assertIn('Mini Program name: "悦心瑜伽预约" — contains “瑜伽” (term “瑜伽” of “Commercial words”)', evidence)
        self.shot("english")

    def test_keyboard_alone_answers_a_question(self):
        from selenium.webdriver.common.keys import Keys
        self.driver.get(self.server.url)
        form = self.wait.until(lambda d: d.find_element(By.ID, "question-form")
                               if d.find_element(By.ID, "question-form").get_attribute("data-fact") else False)
        first = form.get_attribute("data-fact")
        # Tab into the answer controls, pick with the keyboard, submit with Enter.
        body = self.driver.find_element(By.TAG_NAME, "body")
        control = self.driver.find_element(By.CSS_SELECTOR, "#question-input input, #question-input textarea")
        control.send_keys(Keys.SPACE if control.get_attribute("type") in ("radio", "checkbox") else "x")
        self.driver.find_element(By.ID, "answer").send_keys(Keys.ENTER)
        self.wait.until(lambda d: d.find_element(By.ID, "result").is_displayed() or
                        d.find_element(By.ID, "question-form").get_attribute("data-fact") != first)
        del body


if __name__ == "__main__":
    unittest.main(verbosity=2)
