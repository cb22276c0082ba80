"""Prove the stand-in Bot API server speaks real python-telegram-bot over HTTP.

Why: the end-to-end tests of the bot are only as trustworthy as the fake they run against, so these tests
drive it with an unmodified ``telegram.Bot`` / ``Application`` rather than calling its internals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from fake_botapi import Call, FakeBotAPI, UploadedFile
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import NetworkError, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

TOKEN = "123:ABC"


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def test_bot_get_me_and_send_message_records_decoded_params(api: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Có", callback_data="yes")]])

    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as bot:
            me = await bot.get_me()
            assert me.username == "ipbot_test_bot"
            assert me.id == 4242
            assert me.supports_inline_queries is True
            sent = await bot.send_message(1001, "<b>Xin chào</b>", parse_mode=ParseMode.HTML, reply_markup=keyboard)
            assert sent.text == "<b>Xin chào</b>"
            assert sent.chat.type == "private"
            assert sent.from_user is not None and sent.from_user.is_bot
            assert sent.reply_markup == keyboard

    asyncio.run(scenario())

    [call] = api.calls("sendMessage")
    assert isinstance(call, Call)
    assert call.params["text"] == "<b>Xin chào</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["chat_id"] == "1001"  # scalars arrive as strings, as PTB form-encodes them
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Có", "callback_data": "yes"}]]}


def test_application_echoes_a_pushed_message(api: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_message.text is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    async def scenario() -> None:
        app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            api.push_update(api.message_update("Kế hoạch Hà Nội", user_id=77))
            [call] = await api.wait_for("sendMessage", timeout=3)
            assert call.params["text"] == "echo: Kế hoạch Hà Nội"
            assert call.params["chat_id"] == "77"
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()

    asyncio.run(scenario())
    assert not api.pending_updates()  # the updater's final getUpdates confirmed the update


def test_commands_callbacks_and_group_chats(api: FakeBotAPI) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Tiếp", callback_data="next")]])
        await update.effective_message.reply_text("Chào nhóm", reply_markup=keyboard)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"Đã chọn {query.data}")

    async def scenario() -> None:
        app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
        app.add_handler(CommandHandler("start", start))
        app.add_handler(CallbackQueryHandler(pressed))
        await app.initialize()
        await app.bot.set_my_commands([BotCommand("start", "Bắt đầu")])
        assert [c.command for c in await app.bot.get_my_commands()] == ["start"]
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            update = api.message_update("/start@ipbot_test_bot", chat_id=-100555, chat_type="supergroup")
            assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 21}]
            api.push_update(update)
            [sent] = await api.wait_for("sendMessage", timeout=3)
            assert sent.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "next"
            message = api.sent_messages()[-1]
            assert message["chat"]["type"] == "supergroup"  # remembered from the pushed update

            api.push_update(api.callback_update("next", chat_id=-100555, message_id=message["message_id"]))
            [edit] = await api.wait_for("editMessageText", timeout=3)
            assert edit.params["text"] == "Đã chọn next"
            assert int(edit.params["message_id"]) == message["message_id"]
            await api.wait_for("answerCallbackQuery", timeout=3)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()

    asyncio.run(scenario())
    assert api.calls("setMyCommands")[0].params["commands"] == [{"command": "start", "description": "Bắt đầu"}]


def test_multipart_upload_is_parsed(api: FakeBotAPI) -> None:
    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url) as bot:
            sent = await bot.send_document(5, b"a,b\n1,2\n", filename="plan.csv", caption="[1, 2]")
            assert sent.document is not None and sent.document.file_name == "plan.csv"
            assert sent.caption == "[1, 2]"

    asyncio.run(scenario())
    [call] = api.calls("sendDocument")
    document = call.params["document"]
    assert isinstance(document, UploadedFile)
    assert (document.filename, document.data) == ("plan.csv", b"a,b\n1,2\n")
    assert call.params["caption"] == "[1, 2]"  # free text stays text even when it looks like JSON


def test_media_group_is_an_album_of_uploaded_photos(api: FakeBotAPI) -> None:
    from telegram import InputMediaPhoto
    from telegram.error import BadRequest

    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url) as bot:
            media = [InputMediaPhoto(b"png-1", caption="under the album"), InputMediaPhoto(b"png-2")]
            sent = await bot.send_media_group(5, media)
            assert len(sent) == 2 and sent[0].media_group_id == sent[1].media_group_id is not None
            assert sent[0].caption == "under the album" and sent[1].caption is None
            assert api.photo_of(5, sent[1].message_id) == b"png-2"
            with pytest.raises(BadRequest):  # like Telegram: an album has 2 to 10 items
                await bot.send_media_group(5, [InputMediaPhoto(b"png-3")])

    asyncio.run(scenario())
    first = api.calls("sendMediaGroup")[0]
    assert [(upload.data, caption) for upload, caption in FakeBotAPI.album(first)] == [
        (b"png-1", "under the album"),
        (b"png-2", ""),
    ]


# PTB 22.8 warns about int ``retry_after`` inside RetryAfter.__init__ itself, not only on attribute access.
@pytest.mark.filterwarnings("ignore:Deprecated since version v22.2:telegram.warnings.PTBDeprecationWarning")
def test_fail_next_raises_retry_after_then_recovers(api: FakeBotAPI) -> None:
    api.fail_next("sendMessage", retry_after=3)
    api.fail_next("sendChatAction", error_code=502)

    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url) as bot:
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(1001, "hello")
            assert caught.value.message == "Flood control exceeded. Retry in 3 seconds"
            assert (await bot.send_message(1001, "hello")).text == "hello"
            with pytest.raises(NetworkError, match="Bad Gateway"):
                await bot.send_chat_action(1001, "typing")
            assert await bot.send_chat_action(1001, "typing") is True

    asyncio.run(scenario())
    assert len(api.calls("sendMessage")) == 2  # the failed attempt is recorded too
    assert api.wait_for_sync("sendChatAction", count=2, timeout=0.1)
    with pytest.raises(AssertionError, match="recorded methods"):
        api.wait_for_sync("sendPhoto", timeout=0.05)


# ---------------------------------------------------------------- faults of the network
@pytest.mark.parametrize("delivered", [False, True])
def test_drop_next_closes_the_connection_before_or_after_the_call_took_effect(api: FakeBotAPI, delivered: bool) -> None:
    api.drop_next("sendMessage", delivered=delivered)

    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url) as bot:
            with pytest.raises(NetworkError, match="httpx"):  # no answer at all, not an error answer
                await bot.send_message(1001, "hello")
            assert (await bot.send_message(1001, "again")).text == "again"  # only the next call

    asyncio.run(scenario())
    assert len(api.calls("sendMessage")) == 2
    assert [m["text"] for m in api.sent_messages()] == (["hello", "again"] if delivered else ["again"])


def test_delay_next_answers_late_after_the_call_took_effect(api: FakeBotAPI) -> None:
    from telegram.error import TimedOut
    from telegram.request import HTTPXRequest

    api.delay_next("sendMessage", 0.6)

    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url, request=HTTPXRequest(read_timeout=0.2)) as bot:
            with pytest.raises(TimedOut):
                await bot.send_message(1001, "hello")

    asyncio.run(scenario())
    assert [m["text"] for m in api.sent_messages()] == ["hello"]  # done, though the client gave up


@pytest.mark.parametrize("deliver", [True, False])
def test_hold_keeps_calls_waiting_until_released(api: FakeBotAPI, deliver: bool) -> None:
    api.hold("sendMessage")

    async def scenario() -> None:
        async with Bot(token=TOKEN, base_url=api.base_url) as bot:
            sending = asyncio.create_task(bot.send_message(1001, "hello"))
            while not api.held("sendMessage"):
                await asyncio.sleep(0.01)
            assert api.sent_messages() == [] and not sending.done()
            api.release("sendMessage", deliver=deliver)
            if deliver:
                assert (await sending).text == "hello"
            else:
                with pytest.raises(NetworkError):
                    await sending
            assert api.held("sendMessage") == 0

    asyncio.run(scenario())
    assert len(api.sent_messages()) == int(deliver)


def test_any_update_can_be_pushed_even_one_no_library_could_parse(api: FakeBotAPI) -> None:
    pushed = api.push_update({"message": {"chat": {"id": "not a number", "type": 5}}})
    assert api.pending_updates() == [pushed] and pushed["update_id"] >= 1
