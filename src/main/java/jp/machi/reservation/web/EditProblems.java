package jp.machi.reservation.web;

import java.util.List;
import java.util.stream.Collectors;
import jp.machi.reservation.EditRefused;
import org.springframework.ui.Model;

/** The problems of a refused staff edit on its page: the error summary's list and the fields to mark aria-invalid. */
public final class EditProblems {

    private EditProblems() {}

    public static void show(Model model, List<EditRefused.Problem> problems) {
        model.addAttribute("problems", problems);
        model.addAttribute("invalid", problems.stream().map(EditRefused.Problem::field).collect(Collectors.toSet()));
    }
}
