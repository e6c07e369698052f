"""Moving a plan step: an unknown direction is a 404 and a refused move a 400 with its sentence, never a 500."""

from __future__ import annotations

from skillsnet.learning import selectors, services


def test_an_unknown_direction_is_404(signed_in, learner, catalogue):
    client = signed_in(learner)
    client.post("/training/plan/new", {"target_role": catalogue.role.pk})
    client.post("/training/plan/steps/add", {"course": catalogue.essentials.pk})
    item = selectors.plan_view(learner).steps[0].item
    assert client.post(f"/training/plan/steps/{item.pk}/sideways").status_code == 404
    assert client.post(f"/training/plan/steps/{item.pk}/up").status_code == 302


def test_a_refused_move_is_a_400_with_the_reason(signed_in, learner, catalogue, monkeypatch):
    client = signed_in(learner)
    client.post("/training/plan/new", {"target_role": catalogue.role.pk})
    client.post("/training/plan/steps/add", {"course": catalogue.essentials.pk})
    item = selectors.plan_view(learner).steps[0].item

    def refuse(**kwargs):
        raise services.LearningError("This plan is finished: start a new one to change it.")

    monkeypatch.setattr(services, "plan_item_move", refuse)
    response = client.post(f"/training/plan/steps/{item.pk}/down")
    assert response.status_code == 400
    assert "This plan is finished" in response.content.decode()
